using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>Reads an <see cref="AuthorizeRequest"/> from query or form parameters. Pure.</summary>
internal static class AuthorizeRequestParser
{
    public static AuthorizeRequest Parse(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var values = FormParameters.Read(parameters, out var repeated);

        return new AuthorizeRequest
        {
            ClientId = Get(OAuthParameters.ClientId),
            RedirectUri = Get(OAuthParameters.RedirectUri),
            ResponseType = Get(OAuthParameters.ResponseType),
            Scope = Get(OAuthParameters.Scope),
            State = Get(OAuthParameters.State),
            Aud = Get(OAuthParameters.Aud) ?? Get(OAuthParameters.Resource),
            Launch = Get(OAuthParameters.Launch),
            CodeChallenge = Get(OAuthParameters.CodeChallenge),
            CodeChallengeMethod = Get(OAuthParameters.CodeChallengeMethod),
            Nonce = Get(OAuthParameters.Nonce),
            ResponseMode = Get(OAuthParameters.ResponseMode),
            Prompt = Get(OAuthParameters.Prompt),
            MaxAge = Get(OAuthParameters.MaxAge),
            RepeatedParameter = repeated,
        };

        string? Get(string name) => values.GetValueOrDefault(name);
    }
}
