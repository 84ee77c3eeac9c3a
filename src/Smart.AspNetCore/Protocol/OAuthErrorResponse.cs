using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.Protocol;

/// <summary>
/// Writes the JSON error answer of the token, introspection and revocation endpoints (RFC 6749 §5.2, RFC 7662 §2.3,
/// RFC 7009 §2.2.1): <c>{error, error_description}</c>, never cached.
/// </summary>
internal static class OAuthErrorResponse
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// RFC 6749 §5.2: 400, or 401 with <c>WWW-Authenticate: Basic</c> for <c>invalid_client</c> when the client tried
    /// HTTP Basic authentication (TOKEN-10).
    /// </summary>
    public static Task WriteAsync(HttpContext context, OAuthError error, string realm) =>
        error.Error == OAuthErrorCodes.InvalidClient && SentBasicCredentials(context.Request)
            ? WriteAsync(context, error, StatusCodes.Status401Unauthorized, $"Basic realm=\"{realm}\"")
            : WriteAsync(context, error, StatusCodes.Status400BadRequest, challenge: null);

    /// <summary>Writes <paramref name="error"/> with <paramref name="status"/> and an optional <c>WWW-Authenticate</c> challenge.</summary>
    public static Task WriteAsync(HttpContext context, OAuthError error, int status, string? challenge)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        NoStoreHeaders.ApplyJson(response);
        if (error.Error == OAuthErrorCodes.InvalidClient)
        {
            // Counted against the failed-authentication budget of the rate limiter.
            ClientAuthenticationFailures.Mark(context);
        }

        if (challenge is not null)
        {
            response.Headers.WWWAuthenticate = challenge;
        }

        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            json.WriteStartObject();
            json.WriteString("error", error.Error);
            json.WriteString("error_description", error.Description);
            json.WriteEndObject();
        }

        return response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).AsTask();
    }

    /// <summary>Whether the request carries <c>Authorization: Basic</c> (the client authenticates with HTTP Basic).</summary>
    public static bool SentBasicCredentials(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
        && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase);
}
