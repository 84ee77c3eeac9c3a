using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>Writes RFC 6750 error responses with a FHIR OperationOutcome body (D.7).</summary>
internal static class OperationOutcomeWriter
{
    public static string Create(string severity, string code, string diagnostics)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", "OperationOutcome");
            writer.WriteStartArray("issue");
            writer.WriteStartObject();
            writer.WriteString("severity", severity);
            writer.WriteString("code", code);
            writer.WriteString("diagnostics", diagnostics);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>403 with <c>WWW-Authenticate: Bearer realm="…", error="insufficient_scope"</c> (RS-5).</summary>
    public static Task WriteForbiddenAsync(HttpContext context, string realm, string diagnostics)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status403Forbidden;
        response.Headers[HeaderNames.WWWAuthenticate] = $"Bearer realm=\"{realm}\", error=\"insufficient_scope\", error_description=\"{Escape(diagnostics)}\"";
        return WriteBodyAsync(response, Create("error", "forbidden", diagnostics));
    }

    /// <summary>401 with <c>WWW-Authenticate: Bearer realm="…"</c>, plus <c>error="invalid_token"</c> when a token was sent (RS-3, RS-4).</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context, string realm, string? error, string? description)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers[HeaderNames.WWWAuthenticate] = error is null
            ? $"Bearer realm=\"{realm}\""
            : $"Bearer realm=\"{realm}\", error=\"{error}\", error_description=\"{Escape(description ?? string.Empty)}\"";
        return WriteBodyAsync(response, Create("error", error is null ? "login" : "security", description ?? "An access token is required."));
    }

    private static Task WriteBodyAsync(HttpResponse response, string body)
    {
        response.ContentType = SmartResourceServerDefaults.FhirJsonMediaType;
        response.Headers.CacheControl = "no-store";
        response.ContentLength = null;
        return response.WriteAsync(body);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "'", StringComparison.Ordinal);
}
