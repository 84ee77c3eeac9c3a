using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tokens;

/// <summary>
/// The one definition of "an access token this server issued" (RFC 9068): its validation parameters (signature by a
/// key of the ring including retired keys, <c>iss</c> and <c>aud</c> = the FHIR base, <c>typ</c> <c>at+jwt</c>, an
/// expiry), its denylist keys (the token's own <c>jti</c>, and its grant through the <c>gid</c> claim) and the revocation
/// check. The JWT bearer scheme of the resource server, introspection, revocation and the token issuer all use it, so
/// they cannot drift apart.
/// </summary>
internal sealed class AccessTokenDefinition(SigningKeyRing keys, SmartServerMetadata metadata, IAccessTokenDenylist denylist, TimeProvider timeProvider)
{
    /// <summary>The JOSE <c>typ</c> of access tokens (RFC 9068 §2.1).</summary>
    public const string TokenType = "at+jwt";

    /// <summary>The private claim holding the hash of the token's grant id; the grant id itself never leaves the server.</summary>
    public const string GrantClaim = "gid";

    /// <summary>The longest access-token lifetime a client may be given (SmartClient.AccessTokenLifetime is at most 24 hours).</summary>
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromHours(24);

    /// <summary>The value of the <see cref="GrantClaim"/> claim for a grant.</summary>
    public static string GrantHash(string grantId)
    {
        // SecureValues.HashHandle("grant:" + grantId), without the concatenation.
        const string Prefix = "grant:";
        var length = Prefix.Length + grantId.Length;
        var chars = length <= 128 ? stackalloc char[length] : new char[length];
        Prefix.CopyTo(chars);
        grantId.CopyTo(chars[Prefix.Length..]);
        return SecureValues.HashHandle(chars);
    }

    /// <summary>The denylist key of one token: base64url SHA-256 of its <c>jti</c>.</summary>
    public static string DenylistKey(string jti) => SecureValues.HashHandle(jti);

    /// <summary>Whether <paramref name="token"/> has the shape of a JWT (refresh tokens and codes never contain dots).</summary>
    public static bool LooksLikeJwt(string token) => token.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// The validation parameters of an access token. With a <paramref name="clockSkew"/>, <c>exp</c> and <c>nbf</c> are
    /// checked against the injected <see cref="TimeProvider"/> (TOKEN-9, RS-1); without one, lifetime is left to the
    /// caller (introspection reports an expired token as inactive, but still as ours).
    /// </summary>
    public TokenValidationParameters CreateValidationParameters(TimeSpan? clockSkew) => new()
    {
        ValidIssuer = metadata.Issuer,
        ValidAudience = metadata.Issuer,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = clockSkew is not null,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        IssuerSigningKeys = keys.ValidationKeys,
        ValidAlgorithms = [.. keys.Keys.Select(k => k.Algorithm).Distinct(StringComparer.Ordinal)],
        ValidTypes = [TokenType],
        ClockSkew = clockSkew ?? TimeSpan.Zero,
        LifetimeValidator = clockSkew is null ? null : ValidateLifetime,
    };

    /// <summary>Whether the token's own <c>jti</c> or its grant was revoked (RS-4, REVOKE-2).</summary>
    public async Task<bool> IsRevokedAsync(JsonWebToken token, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(token.Id) && await denylist.IsRevokedAsync(DenylistKey(token.Id), cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return token.TryGetPayloadValue<string>(GrantClaim, out var grant) && !string.IsNullOrEmpty(grant)
            && await denylist.IsRevokedAsync(GrantDenylistKey(grant), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Denies one access token until shortly after it expires (REVOKE-2).</summary>
    public Task RevokeTokenAsync(string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        denylist.AddAsync(DenylistKey(jti), expiresAt + TimeSpan.FromMinutes(5), cancellationToken);

    /// <summary>Denies every access token minted from a grant, for as long as any of them could live.</summary>
    public Task RevokeGrantAsync(string grantId, CancellationToken cancellationToken) =>
        denylist.AddAsync(GrantDenylistKey(GrantHash(grantId)), timeProvider.GetUtcNow() + LongestLifetime, cancellationToken);

    private static string GrantDenylistKey(string grantHash) => "grant:" + grantHash;

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var skew = parameters.ClockSkew;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The access token has no expiry.");
        }

        if (notBefore is { } nbf && nbf > now + skew)
        {
            throw new SecurityTokenNotYetValidException("The access token is not yet valid.") { NotBefore = nbf };
        }

        if (exp <= now - skew)
        {
            throw new SecurityTokenExpiredException("The access token expired.") { Expires = exp };
        }

        return true;
    }
}
