namespace Smart.AspNetCore.Grants;

/// <summary>
/// Revoked access tokens (RFC 7009, REVOKE-2). Access tokens are self-contained JWTs, so revoking one means remembering
/// its <c>jti</c> until it would have expired anyway; this library's resource server and introspection endpoint consult
/// the list on every request (RS-4). Replace the in-memory default through <c>AddAccessTokenDenylist&lt;T&gt;()</c> for
/// a multi-node EHR. Resource servers that validate tokens on their own cannot see revocations; they must introspect.
/// </summary>
public interface IAccessTokenDenylist
{
    /// <summary>Adds a revoked token.</summary>
    /// <param name="key">An opaque key derived from the token's <c>jti</c> (a base64url SHA-256).</param>
    /// <param name="expiresAt">The token's <c>exp</c>: the entry may be forgotten after it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the token is revoked.</returns>
    Task AddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Whether a token was revoked.</summary>
    /// <param name="key">An opaque key derived from the token's <c>jti</c>, as passed to <see cref="AddAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the token was revoked.</returns>
    Task<bool> IsRevokedAsync(string key, CancellationToken cancellationToken);
}
