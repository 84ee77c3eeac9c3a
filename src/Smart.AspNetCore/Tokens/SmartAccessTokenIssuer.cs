using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Events;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Tokens;

/// <summary>The public seam over <see cref="TokenIssuer"/>'s access-token minting (the token endpoint's own code path).</summary>
internal sealed class SmartAccessTokenIssuer(TokenIssuer issuer, IOptions<SmartOnFhirOptions> options, IServiceProvider services) : ISmartAccessTokenIssuer
{
    public async Task<string> IssueAccessTokenAsync(SmartClient client, SmartGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(grant);
        if (!string.Equals(client.ClientId, grant.ClientId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The grant is for client '{grant.ClientId}', not '{client.ClientId}'.", nameof(grant));
        }

        var grantType = client.GetEffectiveGrantTypes().Contains(SmartGrantTypes.AuthorizationCode)
            ? SmartGrantTypes.AuthorizationCode
            : SmartGrantTypes.ClientCredentials;
        var httpContext = new DefaultHttpContext { RequestServices = services };
        var issuing = new SmartTokenIssuingContext(httpContext, client, grant, grantType);
        await options.Value.Events.IssuingTokens(issuing).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return issuer.IssueAccessToken(issuing, SmartScopeSet.Parse(grant.Scope));
    }
}
