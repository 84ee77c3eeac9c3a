using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Smart.AspNetCore.Testing.Flows;

/// <summary>A token endpoint answer (RFC 6749 §5.1 or §5.2) as the app received it.</summary>
public sealed class SmartTokenResponse
{
    internal SmartTokenResponse(HttpStatusCode status, JsonElement json, HttpResponseHeaders headers)
    {
        Status = status;
        Json = json;
        Headers = headers;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The JSON body.</summary>
    public JsonElement Json { get; }

    /// <summary>The response headers (for example <c>Cache-Control</c>, <c>WWW-Authenticate</c>).</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The <c>access_token</c>.</summary>
    public string? AccessToken => this["access_token"];

    /// <summary>The <c>refresh_token</c>.</summary>
    public string? RefreshToken => this["refresh_token"];

    /// <summary>The <c>id_token</c>.</summary>
    public string? IdToken => this["id_token"];

    /// <summary>The granted <c>scope</c>.</summary>
    public string? Scope => this["scope"];

    /// <summary>The <c>patient</c> in context.</summary>
    public string? Patient => this["patient"];

    /// <summary>The <c>encounter</c> in context.</summary>
    public string? Encounter => this["encounter"];

    /// <summary>The <c>error</c> code of a refusal.</summary>
    public string? Error => this["error"];

    /// <summary>A string member of the body, or <see langword="null"/>.</summary>
    /// <param name="name">The member name.</param>
    public string? this[string name] =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Throws <see cref="SmartAssertionException"/> unless this is a 200 with an access token.</summary>
    /// <returns>This response.</returns>
    public SmartTokenResponse EnsureSuccess() =>
        Status == HttpStatusCode.OK && AccessToken is not null
            ? this
            : throw new SmartAssertionException($"Expected a token response, got {(int)Status}: {Error} {this["error_description"]}");

    /// <summary>Throws <see cref="SmartAssertionException"/> unless this is the refusal <paramref name="error"/> with <paramref name="status"/>.</summary>
    /// <param name="error">The expected <c>error</c>.</param>
    /// <param name="status">The expected status.</param>
    /// <returns>This response.</returns>
    public SmartTokenResponse AssertError(string error, HttpStatusCode status) =>
        Status == status && Error == error
            ? this
            : throw new SmartAssertionException($"Expected {(int)status} error \"{error}\", got {(int)Status}: {Error ?? "(no error)"} {this["error_description"]}");
}
