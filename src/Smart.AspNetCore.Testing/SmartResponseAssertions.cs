using System.Net;
using System.Text.Json;

namespace Smart.AspNetCore.Testing;

/// <summary>
/// Checks of SMART and OAuth error answers: the exact <c>error</c> code and HTTP status (RFC 6749 §5.2), the bearer
/// challenge (RFC 6750 §3), the FHIR OperationOutcome. They throw <see cref="SmartAssertionException"/> on failure.
/// </summary>
public static class SmartResponseAssertions
{
    /// <summary>
    /// The response is a JSON OAuth error (token, introspection, revocation endpoints): <paramref name="status"/>,
    /// <c>error</c> = <paramref name="error"/>, and <c>Cache-Control: no-store</c> (RFC 6749 §5.1).
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="error">The expected <c>error</c> code, for example <c>invalid_grant</c>.</param>
    /// <param name="status">The expected status, for example <see cref="HttpStatusCode.BadRequest"/>.</param>
    /// <returns>The JSON body (for further checks of <c>error_description</c>).</returns>
    public static async Task<JsonElement> AssertOAuthErrorAsync(this HttpResponseMessage response, string error, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(error);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        AssertStatus(response, status, body);
        var json = ParseJson(body, "an OAuth error");
        var actual = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        if (!string.Equals(actual, error, StringComparison.Ordinal))
        {
            throw new SmartAssertionException($"Expected error \"{error}\", got {(actual is null ? "no error member" : $"\"{actual}\"")}: {Excerpt(body)}");
        }

        if (!response.Headers.CacheControl?.NoStore ?? true)
        {
            throw new SmartAssertionException("Expected Cache-Control: no-store on an OAuth error answer (RFC 6749 §5.1).");
        }

        return json;
    }

    /// <summary>
    /// The response challenges with <c>WWW-Authenticate: Bearer</c> (RFC 6750 §3): <paramref name="status"/> and, when
    /// <paramref name="error"/> is given, <c>error="<paramref name="error"/>"</c> (for example <c>invalid_token</c> with
    /// 401, <c>insufficient_scope</c> with 403); when it is <see langword="null"/>, no <c>error</c> at all (a request
    /// without a token, RFC 6750 §3.1).
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="status">The expected status.</param>
    /// <param name="error">The expected <c>error</c> attribute, or <see langword="null"/> for none.</param>
    /// <returns>The challenge's parameters, as written.</returns>
    public static string AssertBearerChallenge(this HttpResponseMessage response, HttpStatusCode status, string? error)
    {
        ArgumentNullException.ThrowIfNull(response);
        AssertStatus(response, status, null);
        var bearer = response.Headers.WwwAuthenticate.FirstOrDefault(h => string.Equals(h.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            ?? throw new SmartAssertionException($"Expected a WWW-Authenticate: Bearer challenge, got [{string.Join(", ", response.Headers.WwwAuthenticate)}].");
        var parameters = bearer.Parameter ?? string.Empty;
        var actual = ChallengeAttribute(parameters, "error");
        if (!string.Equals(actual, error, StringComparison.Ordinal))
        {
            throw new SmartAssertionException($"Expected the Bearer challenge to carry {(error is null ? "no error" : $"error=\"{error}\"")}, got: Bearer {parameters}");
        }

        return parameters;
    }

    /// <summary>
    /// The response is a FHIR OperationOutcome (the resource server's refusals): <paramref name="status"/>,
    /// <c>resourceType</c> <c>OperationOutcome</c> with at least one issue and, when given, an issue whose <c>code</c>
    /// is <paramref name="issueCode"/> (for example <c>forbidden</c>, <c>security</c>, <c>not-found</c>).
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="status">The expected status.</param>
    /// <param name="issueCode">An expected issue code, or <see langword="null"/> for any.</param>
    /// <returns>The OperationOutcome as JSON.</returns>
    public static async Task<JsonElement> AssertOperationOutcomeAsync(this HttpResponseMessage response, HttpStatusCode status, string? issueCode = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        AssertStatus(response, status, body);
        var json = ParseJson(body, "an OperationOutcome");
        if (json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "OperationOutcome"
            || !json.TryGetProperty("issue", out var issues) || issues.ValueKind != JsonValueKind.Array || issues.GetArrayLength() == 0)
        {
            throw new SmartAssertionException($"Expected an OperationOutcome with at least one issue: {Excerpt(body)}");
        }

        if (issueCode is not null && !issues.EnumerateArray().Any(i => i.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() == issueCode))
        {
            throw new SmartAssertionException($"Expected an OperationOutcome issue with code \"{issueCode}\": {Excerpt(body)}");
        }

        return json;
    }

    /// <summary>The response has the status <paramref name="status"/> (the message shows the body's start otherwise).</summary>
    /// <param name="response">The response.</param>
    /// <param name="status">The expected status.</param>
    /// <returns>A task that completes when the check is done.</returns>
    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            AssertStatus(response, status, body);
        }
    }

    internal static string? ChallengeAttribute(string parameters, string name)
    {
        foreach (var part in SplitChallenge(parameters))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(part[..equals].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }

    private static IEnumerable<string> SplitChallenge(string parameters)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i] == '"')
            {
                quoted = !quoted;
            }
            else if (parameters[i] == ',' && !quoted)
            {
                yield return parameters[start..i];
                start = i + 1;
            }
        }

        yield return parameters[start..];
    }

    private static void AssertStatus(HttpResponseMessage response, HttpStatusCode status, string? body)
    {
        if (response.StatusCode != status)
        {
            throw new SmartAssertionException($"Expected HTTP {(int)status} ({status}), got {(int)response.StatusCode} ({response.StatusCode}){(body is null ? string.Empty : ": " + Excerpt(body))}");
        }
    }

    private static JsonElement ParseJson(string body, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new SmartAssertionException($"Expected {what} as JSON, got: {Excerpt(body)}", exception);
        }
    }

    internal static string Excerpt(string body) => body.Length <= 500 ? body : body[..500] + "…";
}
