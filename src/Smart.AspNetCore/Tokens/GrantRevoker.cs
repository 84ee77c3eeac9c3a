using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Tokens;

/// <summary>
/// Ends a grant everywhere at once: its refresh-token family stops working, and every access token minted from it is
/// denied by the resource server until it would have expired. Used for code replay (TOKEN-3), refresh-token reuse
/// (REFRESH-7) and revocation of a refresh token (REVOKE-2). Access tokens carry <c>gid</c>, a hash of their grant id,
/// so the grant id itself never leaves the server.
/// </summary>
internal sealed class GrantRevoker(IRefreshTokenStore refreshTokens, AccessTokenDefinition accessTokens)
{
    public async Task RevokeAsync(string grantId, CancellationToken cancellationToken)
    {
        await refreshTokens.RevokeGrantAsync(grantId, cancellationToken).ConfigureAwait(false);
        await accessTokens.RevokeGrantAsync(grantId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The single-use rule for codes and refresh tokens: the first redemption gets the value; a replay revokes the
    /// grant the first use produced (TOKEN-3, REFRESH-7); anything else gets nothing. <paramref name="onReplay"/> is
    /// told first (it logs and audits); the callbacks are static and get <paramref name="state"/>, so a redemption
    /// allocates no closure.
    /// </summary>
    public async Task<T?> FirstUseAsync<T, TState>(
        SmartRedemption<T> redemption,
        Func<T, SmartGrant> grantOf,
        Action<TState, SmartGrant> onReplay,
        TState state,
        CancellationToken cancellationToken)
        where T : class
    {
        if (redemption.Status == SmartRedemptionStatus.Redeemed)
        {
            return redemption.Value;
        }

        if (redemption.Status == SmartRedemptionStatus.AlreadyRedeemed && redemption.Value is { } replayed)
        {
            var grant = grantOf(replayed);
            onReplay(state, grant);
            await RevokeAsync(grant.GrantId, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
