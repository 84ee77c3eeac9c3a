using Microsoft.IdentityModel.JsonWebTokens;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Tokens;

/// <summary>
/// Reads an access token this server issued (for revocation and introspection): signature by a key of the ring
/// (including retired keys), <c>iss</c> and <c>aud</c> = the FHIR base, <c>typ</c> <c>at+jwt</c>. Lifetime and the
/// denylist are reported, not enforced, so callers decide (an expired token is inactive but still "ours").
/// </summary>
internal sealed class AccessTokenReader(AccessTokenDefinition definition, TimeProvider timeProvider)
{
    private const int MaxTokenLength = 16 * 1024;
    private static readonly JsonWebTokenHandler s_handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };


    public async Task<AccessTokenInfo?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength || !s_handler.CanReadToken(token))
        {
            return null;
        }

        var result = await s_handler.ValidateTokenAsync(token, definition.CreateValidationParameters(clockSkew: null)).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>("jti", out var jti) || string.IsNullOrEmpty(jti)
            || !jwt.TryGetPayloadValue<string>("client_id", out var clientId) || string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var notBefore = jwt.ValidFrom == DateTime.MinValue ? (DateTimeOffset?)null : new DateTimeOffset(jwt.ValidFrom, TimeSpan.Zero);
        var revoked = await definition.IsRevokedAsync(jwt, cancellationToken).ConfigureAwait(false);
        var active = !revoked && expiresAt > now && (notBefore is null || notBefore <= now);
        return new AccessTokenInfo(jwt, jti, clientId, expiresAt, active);
    }

}
