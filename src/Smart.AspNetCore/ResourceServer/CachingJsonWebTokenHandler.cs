using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// The token handler of the <c>SmartOnFhir</c> bearer scheme when the validated-token cache is on: a
/// <see cref="JsonWebTokenHandler"/> that validates a token fully the first time (signature, issuer, audience,
/// <c>typ</c>, algorithm, lifetime) and, for the same exact token afterwards, skips signature and claim validation but
/// still checks its lifetime with the parameters' lifetime validator (the injected <see cref="TimeProvider"/>). The
/// revocation denylist and grant revocation are checked on every request by <see cref="SmartBearerEvents.TokenValidated"/>,
/// which runs after this handler whether or not the token came from the cache. A hit returns the same
/// <see cref="JsonWebToken"/> and a fresh <see cref="System.Security.Claims.ClaimsIdentity"/> built exactly as the base
/// handler builds it, so nothing downstream can tell a hit from a miss, and no request can change another's identity.
/// </summary>
/// <remarks>
/// A hit also requires the key that verified the signature to still be among the validation keys and the valid issuer
/// and audience to be unchanged (a key removed from the ring invalidates its tokens at once; a retired key that is still
/// published keeps them valid until they expire). Validation parameters the cache cannot reproduce (a key resolver, a
/// configuration manager, a replay cache, custom signature, issuer, audience, type or algorithm validators, encrypted
/// tokens, X.509 keys whose own lifetime is checked) bypass the cache.
/// </remarks>
internal sealed class CachingJsonWebTokenHandler(AccessTokenValidationCache cache) : JsonWebTokenHandler
{
    public AccessTokenValidationCache Cache { get; } = cache;

    public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (string.IsNullOrEmpty(token) || validationParameters is null || token.Length > MaximumTokenSizeInBytes || !CanUseCache(validationParameters))
        {
            return base.ValidateTokenAsync(token!, validationParameters!);
        }

        var key = AccessTokenValidationCache.Hash(token);
        if (Cache.TryGet(key, token, out var entry))
        {
            if (IsStillTrusted(entry, validationParameters))
            {
                Cache.CountHit();
                return Task.FromResult(FromCache(key, entry, validationParameters));
            }

            Cache.Remove(key, entry);
        }

        Cache.CountMiss();
        return ValidateAndCacheAsync(key, token, validationParameters);
    }

    private static bool CanUseCache(TokenValidationParameters p) =>
        p.ConfigurationManager is null
        && p.IssuerSigningKeyResolver is null
        && p.IssuerSigningKeyResolverUsingConfiguration is null
        && p.SignatureValidator is null
        && p.SignatureValidatorUsingConfiguration is null
        && p.IssuerValidator is null
        && p.IssuerValidatorUsingConfiguration is null
        && p.AudienceValidator is null
        && p.TypeValidator is null
        && p.AlgorithmValidator is null
        && p.IssuerSigningKeyValidator is null
        && p.IssuerSigningKeyValidatorUsingConfiguration is null
        && p.TokenReader is null
        && p.TokenReplayCache is null
        && p.TokenReplayValidator is null
        && !p.ValidateTokenReplay
        && p.ValidIssuers is null
        && p.ValidAudiences is null
        && p.RequireSignedTokens;

    private static bool IsStillTrusted(AccessTokenValidationCache.Entry entry, TokenValidationParameters p)
    {
        if (!string.Equals(entry.ValidIssuer, p.ValidIssuer, StringComparison.Ordinal)
            || !string.Equals(entry.ValidAudience, p.ValidAudience, StringComparison.Ordinal))
        {
            return false;
        }

        if (ReferenceEquals(p.IssuerSigningKey, entry.SigningKey))
        {
            return true;
        }

        if (p.IssuerSigningKeys is IReadOnlyList<SecurityKey> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (ReferenceEquals(list[i], entry.SigningKey))
                {
                    return true;
                }
            }

            return false;
        }

        if (p.IssuerSigningKeys is { } keys)
        {
            foreach (var k in keys)
            {
                if (ReferenceEquals(k, entry.SigningKey))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private TokenValidationResult FromCache(AccessTokenValidationCache.TokenHash key, AccessTokenValidationCache.Entry entry, TokenValidationParameters p)
    {
        var jwt = entry.Jwt;
        if (p.ValidateLifetime)
        {
            try
            {
                DateTime? notBefore = jwt.ValidFrom == DateTime.MinValue ? null : jwt.ValidFrom;
                DateTime? expires = jwt.ValidTo == DateTime.MinValue ? null : jwt.ValidTo;
                if (p.LifetimeValidator is { } validator)
                {
                    if (!validator(notBefore, expires, jwt, p))
                    {
                        throw new SecurityTokenInvalidLifetimeException("The access token's lifetime is not valid.") { NotBefore = notBefore, Expires = expires };
                    }
                }
                else
                {
                    Validators.ValidateLifetime(notBefore, expires, jwt, p);
                }
            }
            catch (SecurityTokenValidationException ex)
            {
                Cache.Remove(key, entry);
                return new TokenValidationResult { IsValid = false, Exception = ex };
            }
        }

        return new TokenValidationResult
        {
            IsValid = true,
            SecurityToken = jwt,
            ClaimsIdentity = CreateClaimsIdentity(jwt, p),
            Issuer = jwt.Issuer,
            TokenType = jwt.Typ,
        };
    }

    private async Task<TokenValidationResult> ValidateAndCacheAsync(AccessTokenValidationCache.TokenHash key, string token, TokenValidationParameters p)
    {
        var result = await base.ValidateTokenAsync(token, p).ConfigureAwait(false);
        // Only a token that validated is cached; a failure is never remembered (it is simply validated again).
        if (result.IsValid
            && result.SecurityToken is JsonWebToken { IsEncrypted: false, SigningKey: { } signingKey } jwt
            && signingKey is not X509SecurityKey
            && jwt.ValidTo != DateTime.MinValue)
        {
            Cache.Add(key, new AccessTokenValidationCache.Entry(token, jwt, signingKey, p.ValidIssuer, p.ValidAudience, jwt.ValidTo + p.ClockSkew));
        }

        return result;
    }
}
