using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tokens;

/// <summary>
/// Reads an access token this server issued (for revocation and introspection): signature by a key of the ring
/// (including retired keys), <c>iss</c> and <c>aud</c> = the FHIR base, <c>typ</c> <c>at+jwt</c>. Lifetime and the
/// denylist are reported, not enforced, so callers decide (an expired token is inactive but still "ours").
/// </summary>
internal sealed class AccessTokenReader(SigningKeyRing keys, SmartServerMetadata metadata, IAccessTokenDenylist denylist, TimeProvider timeProvider)
{
    private const int MaxTokenLength = 16 * 1024;
    private static readonly JsonWebTokenHandler s_handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };

    /// <summary>Whether <paramref name="token"/> has the shape of a JWT (refresh tokens and codes never contain dots).</summary>
    public static bool LooksLikeJwt(string token) => token.Contains('.', StringComparison.Ordinal);

    public async Task<AccessTokenInfo?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength || !s_handler.CanReadToken(token))
        {
            return null;
        }

        var result = await s_handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = metadata.Issuer,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            IssuerSigningKeys = keys.ValidationKeys,
            ValidAlgorithms = [.. keys.Keys.Select(k => k.Algorithm).Distinct(StringComparer.Ordinal)],
            ValidTypes = ["at+jwt"],
        }).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>("jti", out var jti) || string.IsNullOrEmpty(jti)
            || !jwt.TryGetPayloadValue<string>("client_id", out var clientId) || string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var notBefore = jwt.ValidFrom == DateTime.MinValue ? (DateTimeOffset?)null : new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero);
        var revoked = await GrantRevoker.IsRevokedAsync(denylist, jwt, cancellationToken).ConfigureAwait(false);
        var active = !revoked && expiresAt > now && (notBefore is null || notBefore <= now);
        return new AccessTokenInfo(jwt, jti, clientId, expiresAt, active);
    }

    /// <summary>The denylist key of a token: base64url SHA-256 of its <c>jti</c>.</summary>
    public static string DenylistKey(string jti) => SecureValues.HashHandle(jti);
}
