using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>Reads an <see cref="AuthorizeRequest"/> from query or form parameters. Pure.</summary>
internal static class AuthorizeRequestParser
{
    public static AuthorizeRequest Parse(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        string? repeated = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (value.Count > 1)
            {
                repeated ??= name;
            }

            // RFC 6749 §3.1: parameters sent without a value are treated as omitted.
            if (value.Count >= 1 && !string.IsNullOrEmpty(value[0]))
            {
                values[name] = value[0]!;
            }
        }

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
            RepeatedParameter = repeated,
        };

        string? Get(string name) => values.GetValueOrDefault(name);
    }
}
