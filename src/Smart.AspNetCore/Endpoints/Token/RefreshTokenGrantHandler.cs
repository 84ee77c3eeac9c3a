using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Logging;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Scopes;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>
/// <c>grant_type=refresh_token</c> (REFRESH-3..REFRESH-8): the token is single-use and rotated; presenting a used
/// token revokes its family (REFRESH-7). An optional <c>scope</c> may narrow the new access token but never widen it
/// (REFRESH-4); the rotated refresh token keeps the original grant (REFRESH-6).
/// </summary>
internal sealed class RefreshTokenGrantHandler(
    IRefreshTokenStore refreshTokens,
    GrantRevoker revoker,
    TimeProvider timeProvider,
    SmartAuditDispatcher audit,
    ILogger<RefreshTokenGrantHandler> logger)
{
    private static readonly OAuthError s_invalidToken = SmartErrors.Token.RefreshTokenInvalid.Create();

    public async Task<Result<TokenGrantOutcome>> HandleAsync(OAuthRequest request, SmartClient client, CancellationToken cancellationToken)
    {
        var token = request[OAuthParameters.RefreshToken];
        if (token is null)
        {
            return SmartErrors.Token.RefreshTokenMissing.Create();
        }

        // Check the requested scope before redeeming, so a bad request does not burn the token.
        var requestedScope = request[OAuthParameters.Scope];
        SmartScopeSet? narrowed = null;
        if (requestedScope is not null)
        {
            narrowed = SmartScopeSet.Parse(requestedScope);
            if (narrowed.Invalid.Count > 0 || narrowed.IsEmpty)
            {
                return SmartErrors.Token.ScopeInvalid.Create();
            }
        }

        using var redeem = Smart.AspNetCore.Diagnostics.SmartOnFhirTelemetry.ActivitySource.StartActivity("smart.store.redeem_refresh_token");
        var stored = await revoker.FirstUseAsync(
            await refreshTokens.RedeemAsync(SecureValues.HashHandle(token), cancellationToken).ConfigureAwait(false),
            static t => t.Grant,
            static (state, grant) => state.Handler.OnReplay(state.Client, grant),
            (Handler: this, Client: client),
            cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return s_invalidToken;
        }

        if (!string.Equals(stored.Grant.ClientId, client.ClientId, StringComparison.Ordinal))
        {
            // REFRESH-3: a token presented by another client is treated as stolen.
            await revoker.RevokeAsync(stored.Grant.GrantId, cancellationToken).ConfigureAwait(false);
            return SmartErrors.Token.RefreshTokenForOtherClient.Create();
        }

        if (stored.ExpiresAt <= timeProvider.GetUtcNow())
        {
            return s_invalidToken;
        }

        var granted = SmartScopeSet.Parse(stored.Grant.Scope);
        if (narrowed is null)
        {
            return new TokenGrantOutcome(stored.Grant, granted, Nonce: null);
        }

        if (!narrowed.IsSubsetOf(granted))
        {
            // Refresh tokens are single-use: the presented one is spent, so a widening attempt ends the grant (documented).
            await revoker.RevokeAsync(stored.Grant.GrantId, cancellationToken).ConfigureAwait(false);
            return SmartErrors.Token.ScopeExceedsGrant.Create();
        }

        return new TokenGrantOutcome(stored.Grant, narrowed, Nonce: null);
    }

    private void OnReplay(SmartClient client, SmartGrant grant)
    {
        Log.RefreshTokenReused(logger, client.ClientId, SecureValues.LogTag(grant.GrantId));
        audit.Raise(GrantReplayAudit.Create(SmartAuditEventKind.RefreshReuse, client, grant, timeProvider, audit.CurrentHttpContext));
    }
}
