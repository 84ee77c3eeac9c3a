using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Logging;

namespace Smart.AspNetCore.Endpoints.Discovery;

/// <summary>
/// Runs first in the pipeline (added by a startup filter, so the host adds no line for it) and only acts on the
/// discovery paths: it answers CORS from any origin on the well-known documents, the JWKS and <c>/metadata</c>
/// (DISC-13) through ASP.NET Core's CORS service, and decorates the host's CapabilityStatement with SMART's
/// <c>rest.security</c> (DISC-11, DISC-12).
/// </summary>
internal sealed class SmartDiscoveryMiddleware
{
    private readonly RequestDelegate _next;
    private readonly DiscoveryDocuments _documents;
    private readonly ICorsService _corsService;
    private readonly CorsPolicy _anyOrigin;
    private readonly bool _decorate;
    private readonly PathString _metadataPath;
    private readonly PathString[] _documentPaths;
    private readonly ILogger _logger;

    public SmartDiscoveryMiddleware(
        RequestDelegate next,
        DiscoveryDocuments documents,
        ICorsService corsService,
        IOptions<SmartOnFhirOptions> options,
        ILogger<SmartDiscoveryMiddleware> logger)
    {
        _next = next;
        _documents = documents;
        _corsService = corsService;
        _logger = logger;
        _decorate = options.Value.Discovery.DecorateCapabilityStatement;
        _anyOrigin = new CorsPolicyBuilder()
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .SetPreflightMaxAge(options.Value.Cors.PreflightMaxAge)
            .Build();

        var basePath = documents.Metadata.BasePath;
        _metadataPath = new PathString(documents.Metadata.MetadataPath);
        _documentPaths =
        [
            _metadataPath,
            new PathString(basePath + "/" + SmartOnFhirDefaults.SmartConfigurationPath),
            new PathString(basePath + "/" + SmartOnFhirDefaults.OpenIdConfigurationPath),
            new PathString(basePath + "/" + options.Value.Endpoints.JwksPath.TrimStart('/')),
        ];
    }

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!IsDiscoveryPath(path))
        {
            return _next(context);
        }

        var request = context.Request;
        if (request.Headers.ContainsKey(HeaderNames.Origin))
        {
            var result = _corsService.EvaluatePolicy(context, _anyOrigin);
            _corsService.ApplyResult(result, context.Response);
            if (result.IsPreflightRequest)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            }
        }

        if (_decorate && HttpMethods.IsGet(request.Method) && path.Equals(_metadataPath, StringComparison.OrdinalIgnoreCase))
        {
            return DecorateCapabilityStatementAsync(context);
        }

        return _next(context);
    }

    private bool IsDiscoveryPath(PathString path)
    {
        foreach (var candidate in _documentPaths)
        {
            if (path.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private async Task DecorateCapabilityStatementAsync(HttpContext context)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await _next(context).ConfigureAwait(false);
        }
        finally
        {
            response.Body = original;
        }

        byte[]? decorated = null;
        if (response.StatusCode == StatusCodes.Status200OK && IsJson(response.ContentType))
        {
            decorated = CapabilityStatementDecorator.TryDecorate(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), _documents.OAuthUris);
        }

        if (decorated is null)
        {
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                Log.CapabilityStatementNotDecorated(_logger, _metadataPath.Value ?? string.Empty);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        response.ContentLength = decorated.Length;
        await original.WriteAsync(decorated, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/fhir+json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase));
}
