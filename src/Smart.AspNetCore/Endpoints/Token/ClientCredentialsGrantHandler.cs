using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Scopes;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>
/// <c>grant_type=client_credentials</c> for SMART Backend Services (BACKEND-1..BACKEND-5): only
/// <see cref="SmartClientKind.BackendService"/> clients authenticated with <c>private_key_jwt</c>; <c>scope</c> is
/// required and may contain only <c>system/</c> resource scopes (a request with any other scope is refused with
/// <c>invalid_scope</c>, so a client never silently gets less than it expects for the wrong reason); the granted scopes
/// are the requested ones intersected with the client's <see cref="SmartClient.AllowedScopes"/> (BACKEND-3), and an empty
/// intersection is <c>invalid_scope</c>. The grant's subject is the client itself; no user, no launch context.
/// </summary>
internal sealed class ClientCredentialsGrantHandler(TimeProvider timeProvider)
{
    public Result<TokenGrantOutcome> Handle(OAuthRequest request, SmartClient client, ClientAuthenticationMethod method)
    {
        if (client.Kind != SmartClientKind.BackendService || method != ClientAuthenticationMethod.PrivateKeyJwt)
        {
            // BACKEND-2, CLIENT-1: the symmetric profile is not used for backend services.
            return SmartErrors.Token.ClientCredentialsNotAllowed.Create();
        }

        var scope = request[OAuthParameters.Scope];
        if (scope is null)
        {
            return SmartErrors.Token.BackendScopeMissing.Create();
        }

        var requested = SmartScopeSet.Parse(scope);
        if (requested.Invalid.Count > 0 || requested.IsEmpty)
        {
            return SmartErrors.Token.ScopeInvalid.Create();
        }

        foreach (var item in requested)
        {
            if (item.Kind != SmartScopeKind.Resource || item.Context != SmartScopeContext.System)
            {
                return SmartErrors.Token.BackendScopeNotSystem.Create(item.Value);
            }
        }

        var granted = requested.Grant(SmartScopeSet.Create(client.AllowedScopes));
        if (granted.IsEmpty)
        {
            return SmartErrors.Token.NoScopeGrantable.Create();
        }

        var grant = new SmartGrant
        {
            GrantId = SecureValues.CreateHandle(),
            ClientId = client.ClientId,
            Subject = client.ClientId,
            Scope = granted.ToString(),
            CreatedAt = timeProvider.GetUtcNow(),
        };
        return new TokenGrantOutcome(grant, granted, Nonce: null);
    }
}
