using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Events;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Scopes;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tokens;

/// <summary>
/// Mints the tokens of a token response: an RFC 9068 JWT access token signed with the configured key, an RS256
/// id_token when <c>openid</c> is granted (OIDC-1, OIDC-2), and a rotated, hashed-at-rest refresh token when
/// <c>offline_access</c> or <c>online_access</c> is granted (REFRESH-1). It makes exactly the signatures it must
/// and at most two store calls (the refresh token, and the grant's last use in the consent store).
/// </summary>
internal sealed class TokenIssuer(
    SigningKeyRing keys,
    SmartServerMetadata metadata,
    IRefreshTokenStore refreshTokens,
    IConsentStore consents,
    IOptions<SmartOnFhirOptions> options,
    TimeProvider timeProvider)
{
    private static readonly JsonWebTokenHandler s_handler = new() { SetDefaultTimesOnTokenCreation = false };

    private static readonly HashSet<string> s_reservedClaims = new(StringComparer.Ordinal)
    {
        "iss", "aud", "sub", "exp", "nbf", "iat", "jti", "client_id", "scope", "patient", "encounter", "fhirUser", "auth_time", AccessTokenDefinition.GrantClaim,
        SmartBreakGlass.Claim,
    };

    /// <param name="issuing">The client, grant and grant type, with what the host's <see cref="SmartOnFhirEvents.IssuingTokens"/> added.</param>
    /// <param name="scope">The scope of this access token: the grant's, or narrower on refresh (REFRESH-4).</param>
    /// <param name="nonce">The OpenID Connect nonce of the authorization request.</param>
    /// <param name="cancellationToken">Cancels the refresh-token store call.</param>
    public async Task<IssuedTokens> IssueAsync(SmartTokenIssuingContext issuing, SmartScopeSet scope, string? nonce, CancellationToken cancellationToken)
    {
        var (client, grant, grantType) = (issuing.Client, issuing.Grant, issuing.GrantType);
        var lifetimes = options.Value.Lifetimes;
        var (accessToken, now, accessLifetime) = IssueAccessToken(issuing, scope);
        // OIDC-1: an id_token with the code exchange. On refresh it is optional (REFRESH-5) and is not re-issued,
        // which spares an RS256 signature per refresh.
        var idToken = grantType == SmartGrantTypes.AuthorizationCode && scope.Contains(SmartScopeNames.OpenId)
            ? CreateIdToken(grant, scope, client.ClientId, nonce, now)
            : null;

        string? refreshToken = null;
        var usableUntil = now + accessLifetime;
        var grantScopes = SmartScopeSet.Parse(grant.Scope);
        var online = grantScopes.Contains(SmartScopeNames.OnlineAccess) && !grantScopes.Contains(SmartScopeNames.OfflineAccess);
        if (grantType != SmartGrantTypes.ClientCredentials // BACKEND-5
            && (online || grantScopes.Contains(SmartScopeNames.OfflineAccess))
            && client.GetEffectiveGrantTypes().Contains(SmartGrantTypes.RefreshToken))
        {
            refreshToken = SecureValues.CreateHandle();
            var refreshLifetime = client.RefreshTokenLifetime ?? (online ? lifetimes.OnlineRefreshToken : lifetimes.OfflineRefreshToken);
            if (online && refreshLifetime > lifetimes.OnlineRefreshToken)
            {
                refreshLifetime = lifetimes.OnlineRefreshToken;
            }

            await refreshTokens.StoreAsync(
                SecureValues.HashHandle(refreshToken),
                new SmartRefreshToken { Grant = grant, IsOnlineAccess = online, ExpiresAt = now + refreshLifetime },
                cancellationToken).ConfigureAwait(false);
            if (now + refreshLifetime > usableUntil)
            {
                usableUntil = now + refreshLifetime;
            }
        }

        if (grantType != SmartGrantTypes.ClientCredentials)
        {
            // The user's connected apps show when each grant was last used.
            await consents.TouchAsync(grant.Subject, grant.ClientId, grant.GrantId, now, usableUntil, cancellationToken).ConfigureAwait(false);
        }

        return new IssuedTokens(
            accessToken,
            (int)accessLifetime.TotalSeconds,
            scope.ToString(),
            refreshToken,
            idToken,
            grant,
            issuing.ResponseParameters.ToDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// The access token alone, as <see cref="IssueAsync"/> mints it (also behind <see cref="ISmartAccessTokenIssuer"/>).
    /// Returns the token, the issue time and its lifetime.
    /// </summary>
    public (string Token, DateTimeOffset IssuedAt, TimeSpan Lifetime) IssueAccessToken(SmartTokenIssuingContext issuing, SmartScopeSet scope)
    {
        var now = timeProvider.GetUtcNow();
        var lifetimes = options.Value.Lifetimes;
        // BACKEND-4: backend service tokens are short-lived.
        var lifetime = issuing.Client.AccessTokenLifetime
            ?? (issuing.GrantType == SmartGrantTypes.ClientCredentials ? lifetimes.BackendAccessToken : lifetimes.AccessToken);
        return (CreateAccessToken(issuing.Grant, scope, now, lifetime, issuing.AccessTokenClaims), now, lifetime);
    }

    private string CreateAccessToken(SmartGrant grant, SmartScopeSet scope, DateTimeOffset now, TimeSpan lifetime, IDictionary<string, object> extraClaims)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = grant.Subject,
            ["client_id"] = grant.ClientId,
            ["scope"] = scope.ToString(),
            ["jti"] = SecureValues.CreateHandle(),
            [AccessTokenDefinition.GrantClaim] = AccessTokenDefinition.GrantHash(grant.GrantId),
        };
        if (grant.AuthTime is { } authTime)
        {
            claims["auth_time"] = authTime.ToUnixTimeSeconds();
        }

        if (grant.LaunchContext?.Patient is { } patient)
        {
            claims["patient"] = patient;
        }

        if (grant.LaunchContext?.Encounter is { } encounter)
        {
            claims["encounter"] = encounter;
        }

        if (grant.FhirUser is { } fhirUser)
        {
            claims["fhirUser"] = fhirUser;
        }

        if (grant.BreakGlass)
        {
            claims[SmartBreakGlass.Claim] = true;
        }

        foreach (var (name, value) in extraClaims)
        {
            if (!s_reservedClaims.Contains(name))
            {
                claims[name] = value;
            }
        }

        using var signing = Smart.AspNetCore.Diagnostics.SmartOnFhirTelemetry.ActivitySource.StartActivity("smart.token.sign");
        return s_handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = metadata.Issuer,
            Audience = metadata.Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = claims,
            TokenType = AccessTokenDefinition.TokenType,
            SigningCredentials = keys.AccessTokenKey.Credentials,
        });
    }

    private string CreateIdToken(SmartGrant grant, SmartScopeSet scope, string clientId, string? nonce, DateTimeOffset now)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = grant.Subject,
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        if (grant.AuthTime is { } authTime)
        {
            claims["auth_time"] = authTime.ToUnixTimeSeconds();
        }

        if (grant.FhirUser is { } fhirUser)
        {
            var absolute = metadata.AbsoluteFhirUser(fhirUser);
            if (scope.Contains(SmartScopeNames.FhirUser))
            {
                claims["fhirUser"] = absolute;
            }

            // SMART 1.0 clients asking for "openid profile" read the user from the profile claim (OIDC-6).
            if (scope.Contains(SmartScopeNames.Profile))
            {
                claims["profile"] = absolute;
            }
        }

        using var signing = Smart.AspNetCore.Diagnostics.SmartOnFhirTelemetry.ActivitySource.StartActivity("smart.token.sign");
        return s_handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = metadata.Issuer,
            Audience = clientId,
            IssuedAt = now.UtcDateTime,
            Expires = (now + options.Value.Lifetimes.IdToken).UtcDateTime,
            Claims = claims,
            TokenType = "JWT",
            SigningCredentials = keys.IdTokenKey.Credentials,
        });
    }
}
