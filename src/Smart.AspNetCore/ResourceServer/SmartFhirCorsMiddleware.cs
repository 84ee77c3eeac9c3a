using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// CORS for the protected FHIR API (RS-10), through ASP.NET Core's CORS service:
/// <list type="bullet">
/// <item>Preflights under the FHIR base (other than the library's own endpoints) are answered for any origin: a preflight
/// carries no credentials and reveals nothing.</item>
/// <item>A response of a protected FHIR endpoint allows the request's <c>Origin</c> only when it is registered for the
/// access token's client (<see cref="SmartClient.AllowedCorsOrigins"/>) or in <see cref="SmartCorsOptions.AdditionalAllowedOrigins"/>;
/// a 401 (no or bad token) allows any origin, so a browser app can see that it must refresh or re-authorize.</item>
/// </list>
/// </summary>
internal sealed class SmartFhirCorsMiddleware
{
    private static readonly string[] s_methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];
    private static readonly string[] s_headers =
    [
        HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.Accept, HeaderNames.IfMatch, HeaderNames.IfNoneMatch,
        HeaderNames.IfModifiedSince, "If-None-Exist", "Prefer",
    ];

    private static readonly string[] s_exposed = [HeaderNames.Location, HeaderNames.ETag, HeaderNames.LastModified, HeaderNames.WWWAuthenticate, "Content-Location"];

    private readonly RequestDelegate _next;
    private readonly ICorsService _cors;
    private readonly PathString _basePath;
    private readonly PathString[] _libraryPaths;
    private readonly CorsPolicy _preflight;
    private readonly CorsPolicy _anyOrigin;
    private readonly IReadOnlyList<string> _additionalOrigins;

    public SmartFhirCorsMiddleware(RequestDelegate next, ICorsService cors, SmartServerMetadata metadata, IOptions<SmartOnFhirOptions> options)
    {
        _next = next;
        _cors = cors;
        var value = options.Value;
        _basePath = new PathString(metadata.BasePath);
        _libraryPaths = [.. value.Endpoints.LibraryPaths().Select(p => new PathString(metadata.BasePath + "/" + p.TrimStart('/')))];
        _additionalOrigins = [.. value.Cors.AdditionalAllowedOrigins];
        _preflight = new CorsPolicyBuilder()
            .SetIsOriginAllowed(static _ => true)
            .WithMethods(s_methods)
            .WithHeaders(s_headers)
            .WithExposedHeaders(s_exposed)
            .SetPreflightMaxAge(value.Cors.PreflightMaxAge)
            .Build();
        _anyOrigin = new CorsPolicyBuilder().SetIsOriginAllowed(static _ => true).WithExposedHeaders(s_exposed).Build();
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Headers.ContainsKey(HeaderNames.Origin) || !request.Path.StartsWithSegments(_basePath, StringComparison.OrdinalIgnoreCase) || IsLibraryPath(request.Path))
        {
            return _next(context);
        }

        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
        {
            _cors.ApplyResult(_cors.EvaluatePolicy(context, _preflight), context.Response);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        context.Response.OnStarting(() => ApplyAsync(context));
        return _next(context);
    }

    private async Task ApplyAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<SmartResponseFilterMetadata>() is null)
        {
            return;
        }

        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            _cors.ApplyResult(_cors.EvaluatePolicy(context, _anyOrigin), context.Response);
            return;
        }

        var clientId = context.GetSmartAccessContext()?.ClientId;
        if (clientId is null)
        {
            return;
        }

        var client = await context.RequestServices.GetRequiredService<IClientRegistry>().FindByIdAsync(clientId, context.RequestAborted).ConfigureAwait(false);
        ClientCors.Apply(_cors, context, client, _additionalOrigins, static p => p.WithExposedHeaders(s_exposed));
    }

    private bool IsLibraryPath(PathString path)
    {
        foreach (var libraryPath in _libraryPaths)
        {
            if (path.Equals(libraryPath, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
