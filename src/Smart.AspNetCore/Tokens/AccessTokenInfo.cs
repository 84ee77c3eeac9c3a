using Microsoft.IdentityModel.JsonWebTokens;

namespace Smart.AspNetCore.Tokens;

/// <summary>An access token this server issued.</summary>
/// <param name="Token">The validated JWT.</param>
/// <param name="Jti">Its <c>jti</c>.</param>
/// <param name="ClientId">The client it was issued to.</param>
/// <param name="ExpiresAt">Its <c>exp</c>.</param>
/// <param name="IsActive">Unexpired, valid now, and not revoked.</param>
internal sealed record AccessTokenInfo(JsonWebToken Token, string Jti, string ClientId, DateTimeOffset ExpiresAt, bool IsActive);
