using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>Writes token endpoint responses (TOKEN-7, TOKEN-8, TOKEN-10, CTX-1..CTX-5).</summary>
internal static class TokenResponses
{
    public static async Task WriteSuccessAsync(HttpContext context, IssuedTokens tokens)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        NoStoreHeaders.ApplyJson(response);

        var buffer = ReusableJsonBuffer.Rent();
        var json = buffer.Json;
        json.WriteStartObject();
        json.WriteString("access_token", tokens.AccessToken.Utf8);
        json.WriteString("token_type", "Bearer");
        json.WriteNumber("expires_in", tokens.ExpiresIn);
        json.WriteString("scope", tokens.Scope);
        json.WriteStringIfPresent("refresh_token", tokens.RefreshToken);
        if (tokens.IdToken is { } idToken)
        {
            json.WriteString("id_token", idToken.Utf8);
        }

        if (tokens.Grant.LaunchContext is { } launch)
        {
            LaunchContextJson.Write(json, launch);
        }

        if (tokens.ExtraParameters.Count > 0)
        {
            foreach (var (name, value) in tokens.ExtraParameters)
            {
                json.WriteString(name, value);
            }
        }

        json.WriteEndObject();
        var body = buffer.WrittenMemory;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        buffer.Return();
    }
}
