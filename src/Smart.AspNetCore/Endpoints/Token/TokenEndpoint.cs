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

        // The handler keeps the grant_type it read (never re-reading a form that may be malformed); tagged from a fixed set.
        var grantType = context.Items.TryGetValue(TokenRequestHandler.GrantTypeItem, out var value) ? value as string : null;
        telemetry.TokenDuration(Stopwatch.GetElapsedTime(started), string.IsNullOrEmpty(grantType) ? null : grantType, context.Response.StatusCode);
    }

    public static Task HandlePreflightAsync(HttpContext context, TokenRequestHandler handler) => handler.HandlePreflightAsync(context);
}
