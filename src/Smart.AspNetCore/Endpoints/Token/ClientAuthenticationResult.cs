using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>The outcome of client authentication at the token endpoint.</summary>
internal sealed record ClientAuthenticationResult(SmartClient? Client, OAuthError? Error, bool UsedAuthorizationHeader)
{
    public static ClientAuthenticationResult Success(SmartClient client, bool usedAuthorizationHeader = false) => new(client, null, usedAuthorizationHeader);

    public static ClientAuthenticationResult Fail(OAuthError error, bool usedAuthorizationHeader = false) => new(null, error, usedAuthorizationHeader);
}
