using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>The outcome of client authentication at the token, revocation or introspection endpoint.</summary>
internal sealed record ClientAuthenticationResult(SmartClient? Client, OAuthError? Error, bool UsedAuthorizationHeader, ClientAuthenticationMethod Method)
{
    public static ClientAuthenticationResult Success(SmartClient client, ClientAuthenticationMethod method) =>
        new(client, null, method == ClientAuthenticationMethod.ClientSecretBasic, method);

    public static ClientAuthenticationResult Fail(OAuthError error, bool usedAuthorizationHeader = false) =>
        new(null, error, usedAuthorizationHeader, ClientAuthenticationMethod.None);
}
