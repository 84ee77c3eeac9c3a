namespace Smart.AspNetCore.Grants;

/// <summary>
/// Keeps refresh tokens. Keys are SHA-256 hashes of the tokens. Tokens rotate on every use; a token presented
/// twice reveals theft and revokes its whole family (REFRESH-7). Replace the in-memory default through DI
/// (<c>AddRefreshTokenStore&lt;T&gt;()</c>) for a multi-node EHR.
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>Stores a new refresh token.</summary>
    /// <param name="key">The hashed token.</param>
    /// <param name="token">The token's grant and lifetime.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the token is stored.</returns>
    Task StoreAsync(string key, SmartRefreshToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically redeems a token (single use, like codes): one concurrent caller gets
    /// <see cref="SmartRedemptionStatus.Redeemed"/>, later ones <see cref="SmartRedemptionStatus.AlreadyRedeemed"/>
    /// with the token; a token whose family or session was revoked gives <see cref="SmartRedemptionStatus.Revoked"/>.
    /// </summary>
    /// <param name="key">The hashed token.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The redemption.</returns>
    Task<SmartRedemption<SmartRefreshToken>> RedeemAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Looks a token up without redeeming it (introspection and revocation, RFC 7662 and RFC 7009): returns the token
    /// when it is stored, not yet redeemed and not revoked; otherwise <see langword="null"/>. Expiry is checked by the caller.
    /// </summary>
    /// <param name="key">The hashed token.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The token, or <see langword="null"/>.</returns>
    Task<SmartRefreshToken?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>Revokes every refresh token of a grant (family), used or not.</summary>
    /// <param name="grantId">The <see cref="SmartGrant.GrantId"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the family is revoked.</returns>
    Task RevokeGrantAsync(string grantId, CancellationToken cancellationToken);

    /// <summary>Revokes the <c>online_access</c> refresh tokens of a user's session (REFRESH-9).</summary>
    /// <param name="subject">The user's subject.</param>
    /// <param name="sessionId">The session; <see langword="null"/> revokes the online tokens of all the user's sessions.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the tokens are revoked.</returns>
    Task RevokeOnlineAccessAsync(string subject, string? sessionId, CancellationToken cancellationToken);
}
