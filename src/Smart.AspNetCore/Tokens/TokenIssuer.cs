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

    private static readonly IReadOnlyDictionary<string, string> s_noParameters = new Dictionary<string, string>(0, StringComparer.Ordinal);

    private static readonly HashSet<string> s_reservedClaims = new(StringComparer.Ordinal)
    {
        "iss", "aud", "sub", "exp", "nbf", "iat", "jti", "client_id", "scope", "patient", "encounter", "fhirUser", "auth_time", AccessTokenDefinition.GrantClaim,
        SmartBreakGlass.Claim,
    };

    /// <param name="issuing">The client, grant and grant type, with what the host's <see cref="SmartOnFhirEvents.IssuingTokens"/> added.</param>
    /// <param name="scope">The scope of this access token: the grant's, or narrower on refresh (REFRESH-4).</param>
    /// <param name="nonce">The OpenID Connect nonce of the authorization request.</param>
    /// <param name="cancellationToken">Cancels the refresh-token store call.</param>
    /// <returns>The tokens, to be disposed once the response is written.</returns>
    public async Task<IssuedTokens> IssueAsync(SmartTokenIssuingContext issuing, SmartScopeSet scope, string? nonce, CancellationToken cancellationToken)
    {
        var (client, grant, grantType) = (issuing.Client, issuing.Grant, issuing.GrantType);
        var scopeText = scope.ToString();
        var grantIdHash = AccessTokenDefinition.GrantHash(grant.GrantId);
        var (now, accessLifetime) = AccessTokenTimes(issuing);
        var accessToken = CreateAccessToken(grant, scopeText, grantIdHash, now, accessLifetime, issuing.AccessTokenClaims);
        SignedJwt? idToken = null;
        try
        {
            // OIDC-1: an id_token with the code exchange. On refresh it is optional (REFRESH-5) and is not re-issued,
            // which spares an RS256 signature per refresh.
            idToken = grantType == SmartGrantTypes.AuthorizationCode && scope.Contains(SmartScopeNames.OpenId)
                ? CreateIdToken(grant, scope, client.ClientId, nonce, now)
                : null;
            var refreshToken = await IssueRefreshTokenAsync(client, grant, grantType, now, now + accessLifetime, cancellationToken).ConfigureAwait(false);
            return new IssuedTokens(
                accessToken,
                (int)accessLifetime.TotalSeconds,
                scopeText,
                refreshToken,
                idToken,
                grant,
                grantIdHash,
                issuing.ResponseParameters.Count == 0 ? s_noParameters : new Dictionary<string, string>(issuing.ResponseParameters, StringComparer.Ordinal));
        }
        catch
        {
            accessToken.Dispose();
            idToken?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The refresh token, when the grant allows one (stored hashed), and the grant's last use in the consent store;
    /// <see langword="null"/> when no refresh token is issued.
    /// </summary>
    private async ValueTask<string?> IssueRefreshTokenAsync(SmartClient client, SmartGrant grant, string grantType, DateTimeOffset now, DateTimeOffset usableUntil, CancellationToken cancellationToken)
    {
        var lifetimes = options.Value.Lifetimes;

        string? refreshToken = null;
        // The grant's own scope decides the refresh token (not the possibly narrower scope of this access token). Read
        // from its text: both words are well-formed, so this is what SmartScopeSet.Parse(...).Contains says, unparsed.
        var offline = HasScopeWord(grant.Scope, SmartScopeNames.OfflineAccess);
        var online = !offline && HasScopeWord(grant.Scope, SmartScopeNames.OnlineAccess);
        if (grantType != SmartGrantTypes.ClientCredentials // BACKEND-5
            && (online || offline)
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

        return refreshToken;
    }

    /// <summary>Whether the space-delimited <paramref name="scope"/> has the exact word <paramref name="word"/> (ordinal).</summary>
    private static bool HasScopeWord(string? scope, string word)
    {
        var text = scope.AsSpan();
        foreach (var range in text.Split(' '))
        {
            if (text[range].SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The access token alone, as <see cref="IssueAsync"/> mints it (behind <see cref="ISmartAccessTokenIssuer"/>), as a
    /// string.
    /// </summary>
    public string IssueAccessToken(SmartTokenIssuingContext issuing, SmartScopeSet scope)
    {
        var (now, lifetime) = AccessTokenTimes(issuing);
        using var token = CreateAccessToken(issuing.Grant, scope.ToString(), AccessTokenDefinition.GrantHash(issuing.Grant.GrantId), now, lifetime, issuing.AccessTokenClaims);
        return token.ToString();
    }

    private (DateTimeOffset IssuedAt, TimeSpan Lifetime) AccessTokenTimes(SmartTokenIssuingContext issuing)
    {
        var lifetimes = options.Value.Lifetimes;
        // BACKEND-4: backend service tokens are short-lived.
        var lifetime = issuing.Client.AccessTokenLifetime
            ?? (issuing.GrantType == SmartGrantTypes.ClientCredentials ? lifetimes.BackendAccessToken : lifetimes.AccessToken);
        return (timeProvider.GetUtcNow(), lifetime);
    }

    private SignedJwt CreateAccessToken(SmartGrant grant, string scope, string grantIdHash, DateTimeOffset now, TimeSpan lifetime, IDictionary<string, object> extraClaims)
    {
        using var signing = Smart.AspNetCore.Diagnostics.SmartOnFhirTelemetry.ActivitySource.StartActivity("smart.token.sign");
        if (!JwtClaimValues.CanWriteAll(extraClaims))
        {
            return SignedJwt.FromString(CreateAccessTokenWithHandler(grant, scope, grantIdHash, now, lifetime, extraClaims));
        }

        var writer = JwtWriter.Rent();
        var json = writer.Payload;
        json.WriteString("iss", metadata.Issuer);
        json.WriteString("aud", metadata.Issuer);
        json.WriteNumber("exp", (now + lifetime).ToUnixTimeSeconds());
        json.WriteNumber("iat", now.ToUnixTimeSeconds());
        json.WriteNumber("nbf", now.ToUnixTimeSeconds());
        json.WriteString("sub", grant.Subject);
        json.WriteString("client_id", grant.ClientId);
        json.WriteString("scope", scope);
        WriteJti(json);
        json.WriteString(AccessTokenDefinition.GrantClaim, grantIdHash);
        if (grant.AuthTime is { } authTime)
        {
            json.WriteNumber("auth_time", authTime.ToUnixTimeSeconds());
        }

        if (grant.LaunchContext?.Patient is { } patient)
        {
            json.WriteString("patient", patient);
        }

        if (grant.LaunchContext?.Encounter is { } encounter)
        {
            json.WriteString("encounter", encounter);
        }

        if (grant.FhirUser is { } fhirUser)
        {
            json.WriteString("fhirUser", fhirUser);
        }

        if (grant.BreakGlass)
        {
            json.WriteBoolean(SmartBreakGlass.Claim, true);
        }

        if (extraClaims.Count > 0)
        {
            foreach (var (name, value) in extraClaims)
            {
                if (!s_reservedClaims.Contains(name))
                {
                    JwtClaimValues.Write(json, name, value);
                }
            }
        }

        return writer.Sign(keys.AccessTokenKey, AccessTokenDefinition.TokenType);
    }

    /// <summary>A fresh <c>jti</c>: 256 random bits, base64url, as <see cref="SecureValues.CreateHandle"/> makes them (written without a string).</summary>
    private static void WriteJti(System.Text.Json.Utf8JsonWriter json)
    {
        Span<byte> random = stackalloc byte[32];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        Span<byte> encoded = stackalloc byte[System.Buffers.Text.Base64Url.GetEncodedLength(32)];
        System.Buffers.Text.Base64Url.EncodeToUtf8(random, encoded);
        json.WriteString("jti", encoded);
    }

    /// <summary>
    /// The access token through <see cref="JsonWebTokenHandler"/>: only for host-added claims whose value types
    /// <see cref="JwtClaimValues"/> does not write itself (the handler serializes arbitrary objects).
    /// </summary>
    private string CreateAccessTokenWithHandler(SmartGrant grant, string scope, string grantIdHash, DateTimeOffset now, TimeSpan lifetime, IDictionary<string, object> extraClaims)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = grant.Subject,
            ["client_id"] = grant.ClientId,
            ["scope"] = scope,
            ["jti"] = SecureValues.CreateHandle(),
            [AccessTokenDefinition.GrantClaim] = grantIdHash,
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

    private SignedJwt CreateIdToken(SmartGrant grant, SmartScopeSet scope, string clientId, string? nonce, DateTimeOffset now)
    {
        using var signing = Smart.AspNetCore.Diagnostics.SmartOnFhirTelemetry.ActivitySource.StartActivity("smart.token.sign");
        var writer = JwtWriter.Rent();
        var json = writer.Payload;
        json.WriteString("iss", metadata.Issuer);
        json.WriteString("aud", clientId);
        json.WriteNumber("exp", (now + options.Value.Lifetimes.IdToken).ToUnixTimeSeconds());
        json.WriteNumber("iat", now.ToUnixTimeSeconds());
        json.WriteString("sub", grant.Subject);
        if (nonce is not null)
        {
            json.WriteString("nonce", nonce);
        }

        if (grant.AuthTime is { } authTime)
        {
            json.WriteNumber("auth_time", authTime.ToUnixTimeSeconds());
        }

        if (grant.FhirUser is { } fhirUser)
        {
            var absolute = metadata.AbsoluteFhirUser(fhirUser);
            if (scope.Contains(SmartScopeNames.FhirUser))
            {
                json.WriteString("fhirUser", absolute);
            }

            // SMART 1.0 clients asking for "openid profile" read the user from the profile claim (OIDC-6).
            if (scope.Contains(SmartScopeNames.Profile))
            {
                json.WriteString("profile", absolute);
            }
        }

        return writer.Sign(keys.IdTokenKey, "JWT");
    }
}
