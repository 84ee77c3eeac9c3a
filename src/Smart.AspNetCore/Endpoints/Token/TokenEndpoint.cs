using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Diagnostics;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Requests;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary><c>POST {fhir}/auth/token</c> and its CORS preflight.</summary>
internal static class TokenEndpoint
{
    public static async Task HandleAsync(HttpContext context, TokenRequestHandler handler, OAuthRequestReader reader, SmartOnFhirTelemetry telemetry)
    {
        var started = Stopwatch.GetTimestamp();
        await handler.HandleAsync(context).ConfigureAwait(false);

        // The reader returns the body it already read for the handler (never re-reading a form that may be malformed);
        // grant_type is tagged from a fixed set.
        var read = await reader.ReadFormAsync(context).ConfigureAwait(false);
        telemetry.TokenDuration(Stopwatch.GetElapsedTime(started), GrantType(read.Parameters), context.Response.StatusCode);
    }

    private static string? GrantType(IReadOnlyList<KeyValuePair<string, StringValues>> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (string.Equals(name, OAuthParameters.GrantType, StringComparison.Ordinal))
            {
                return value.Count > 0 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;
            }
        }

        return null;
    }

    public static Task HandlePreflightAsync(HttpContext context, TokenRequestHandler handler) => handler.HandlePreflightAsync(context);
}
