using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>Writes token endpoint responses (TOKEN-7, TOKEN-8, TOKEN-10, CTX-1..CTX-5).</summary>
internal static class TokenResponses
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteSuccessAsync(HttpContext context, IssuedTokens tokens)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        SetNoStore(response);

        using var buffer = new MemoryStream(2048);
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            json.WriteStartObject();
            json.WriteString("access_token", tokens.AccessToken);
            json.WriteString("token_type", "Bearer");
            json.WriteNumber("expires_in", tokens.ExpiresIn);
            json.WriteString("scope", tokens.Scope);
            json.WriteStringIfPresent("refresh_token", tokens.RefreshToken);
            json.WriteStringIfPresent("id_token", tokens.IdToken);
            if (tokens.Grant.LaunchContext is { } launch)
            {
                WriteLaunchContext(json, launch);
            }

            foreach (var (name, value) in tokens.ExtraParameters)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// RFC 6749 §5.2: 400 with <c>{error, error_description}</c>, or 401 with <c>WWW-Authenticate</c> for
    /// <c>invalid_client</c> when the client used the Authorization header (TOKEN-10).
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, OAuthError error, bool usedAuthorizationHeader, string realm)
    {
        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        SetNoStore(response);
        if (error.Error == OAuthErrorCodes.InvalidClient)
        {
            ClientAuthenticationFailures.Mark(context);
        }

        if (error.Error == OAuthErrorCodes.InvalidClient && usedAuthorizationHeader)
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers.WWWAuthenticate = $"Basic realm=\"{realm}\"";
        }
        else
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
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

    public static void SetNoStore(HttpResponse response)
    {
        NoStoreHeaders.Apply(response);
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
    }

    /// <summary>Launch context as top-level members (CTX-1), <c>fhirContext</c> in the SMART 2.2 object shape (CTX-4).</summary>
    internal static void WriteLaunchContext(Utf8JsonWriter json, SmartLaunchContext launch)
    {
        json.WriteStringIfPresent("patient", launch.Patient);
        json.WriteStringIfPresent("encounter", launch.Encounter);
        if (launch.FhirContext.Count > 0)
        {
            json.WriteStartArray("fhirContext");
            foreach (var item in launch.FhirContext)
            {
                json.WriteStartObject();
                json.WriteStringIfPresent("reference", item.Reference);
                json.WriteStringIfPresent("canonical", item.Canonical);
                if (item.Identifier is { } identifier)
                {
                    json.WriteStartObject("identifier");
                    json.WriteStringIfPresent("system", identifier.System);
                    json.WriteString("value", identifier.Value);
                    json.WriteEndObject();
                }

                json.WriteStringIfPresent("type", item.Type);
                json.WriteStringIfPresent("role", item.Role);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (launch.NeedPatientBanner is { } banner)
        {
            json.WriteBoolean("need_patient_banner", banner);
        }

        json.WriteStringIfPresent("smart_style_url", launch.SmartStyleUrl);
        json.WriteStringIfPresent("intent", launch.Intent);
        json.WriteStringIfPresent("tenant", launch.Tenant);
        foreach (var (name, value) in launch.Parameters)
        {
            json.WriteString(name, value);
        }
    }
}
