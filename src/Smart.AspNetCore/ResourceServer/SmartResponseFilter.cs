using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Wraps a FHIR endpoint's request delegate: when the decision needs a response check, the response is buffered and
/// checked by <see cref="SmartResponseChecker"/> before anything reaches the client. Works for minimal APIs and
/// controllers alike, whatever writes the JSON.
/// </summary>
internal static class SmartResponseFilter
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, Services services)
    {
        var feature = context.Features.Get<SmartAccessDecisionFeature>();
        if (feature is null || !feature.Decision.IsAllowed || !feature.Decision.CheckResponse)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var originalBody = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var bufferedBody = new StreamResponseBodyFeature(buffer, originalBody);
        context.Features.Set<IHttpResponseBodyFeature>(bufferedBody);
        try
        {
            await next(context).ConfigureAwait(false);
            await bufferedBody.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(originalBody);
        }

        var response = context.Response;
        if (response.StatusCode is < 200 or >= 300 || buffer.Length == 0)
        {
            await CopyAsync(context, buffer).ConfigureAwait(false);
            return;
        }

        var (metadata, logger) = services.Resolve(context);
        var access = context.GetSmartAccessContext()!;
        var result = IsJson(response.ContentType)
            ? SmartResponseChecker.Check(access, feature.Request, new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length))
            : new SmartResponseChecker.Result("The response is not FHIR JSON and cannot be verified against the access token.", null, 0);
        if (result.Denial is not null)
        {
            ResourceServerLog.AccessDenied(logger, access.ClientId, SmartErrors.ResourceServer.AccessDenied.Id, result.Denial);
            response.Headers.Clear();
            await OperationOutcomeWriter.WriteForbiddenAsync(context, metadata.Issuer, result.Denial).ConfigureAwait(false);
            return;
        }

        if (result.Body is null)
        {
            await CopyAsync(context, buffer).ConfigureAwait(false);
            return;
        }

        ResourceServerLog.EntriesWithheld(logger, result.Withheld, access.ClientId);
        response.Headers.ETag = default;
        response.ContentLength = result.Body.Length;
        await response.Body.WriteAsync(result.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The singletons the filter needs, resolved on the first checked response of its endpoint and kept.</summary>
    internal sealed class Services
    {
        private Resolved? _resolved;

        public (SmartServerMetadata Metadata, ILogger Logger) Resolve(HttpContext context)
        {
            // A reference write is atomic: concurrent first requests may both resolve, and get the same singletons.
            var resolved = Volatile.Read(ref _resolved);
            if (resolved is null)
            {
                var services = context.RequestServices;
                resolved = new Resolved(services.GetRequiredService<SmartServerMetadata>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Smart.AspNetCore.ResourceServer"));
                Volatile.Write(ref _resolved, resolved);
            }

            return (resolved.Metadata, resolved.Logger);
        }

        private sealed record Resolved(SmartServerMetadata Metadata, ILogger Logger);
    }

    private static async Task CopyAsync(HttpContext context, MemoryStream buffer)
    {
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/fhir+json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase));
}
