using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Diagnostics;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary><c>POST {fhir}/auth/token</c> and its CORS preflight.</summary>
internal static class TokenEndpoint
{
    public static async Task HandleAsync(HttpContext context, TokenRequestHandler handler, SmartOnFhirTelemetry telemetry)
    {
        var started = Stopwatch.GetTimestamp();
        await handler.HandleAsync(context).ConfigureAwait(false);

        // The form was read (and cached) by the handler; grant_type is tagged from a fixed set.
        var grantType = context.Request.HasFormContentType ? context.Request.Form["grant_type"].ToString() : null;
        telemetry.TokenDuration(Stopwatch.GetElapsedTime(started), string.IsNullOrEmpty(grantType) ? null : grantType, context.Response.StatusCode);
    }

    public static Task HandlePreflightAsync(HttpContext context, TokenRequestHandler handler) => handler.HandlePreflightAsync(context);
}
