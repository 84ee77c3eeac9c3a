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
/// <c>grant_type=authorization_code</c> (TOKEN-1..TOKEN-5): redeems the code atomically, then checks that it was
/// issued to this client for this redirect URI and that the PKCE verifier matches. A replayed code revokes the
/// grant it produced (TOKEN-3). Every failure is <c>invalid_grant</c> and burns the code.
/// </summary>
internal sealed class AuthorizationCodeGrantHandler(
    IAuthorizationCodeStore codes,
    GrantRevoker revoker,
    TimeProvider timeProvider,
    SmartAuditDispatcher audit,
    ILogger<AuthorizationCodeGrantHandler> logger)
{
    private static readonly OAuthError s_invalidCode = SmartErrors.Token.CodeInvalid.Create();

    public async Task<Result<TokenGrantOutcome>> HandleAsync(OAuthRequest request, SmartClient client, CancellationToken cancellationToken)
    {
        var code = request[OAuthParameters.Code];
        if (code is null)
        {
            return SmartErrors.Token.CodeMissing.Create();
        }

        var redirectUri = request[OAuthParameters.RedirectUri];
        if (redirectUri is null)
        {
            return SmartErrors.Token.RedirectUriMissing.Create();
        }

        using var redeem = Smart.AspNetCore.Diagnostics.SmartOnFhirTelemetry.ActivitySource.StartActivity("smart.store.redeem_code");
        var stored = await revoker.FirstUseAsync(
            await codes.RedeemAsync(SecureValues.HashHandle(code), cancellationToken).ConfigureAwait(false),
            static c => c.Grant,
            static (state, grant) => state.Handler.OnReplay(state.Client, grant),
            (Handler: this, Client: client),
            cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.ExpiresAt <= timeProvider.GetUtcNow())
        {
            return s_invalidCode;
        }

        // TOKEN-2, TOKEN-6: the code belongs to the client it was issued to, for the exact redirect URI.
        if (!string.Equals(stored.Grant.ClientId, client.ClientId, StringComparison.Ordinal))
        {
            return SmartErrors.Token.CodeForOtherClient.Create();
        }

        if (!string.Equals(stored.RedirectUri, redirectUri, StringComparison.Ordinal))
        {
            return SmartErrors.Token.RedirectUriMismatch.Create();
        }

        var verifier = request[OAuthParameters.CodeVerifier];
        if (stored.CodeChallenge is null)
        {
            // TOKEN-5: a verifier for a code issued without a challenge signals a downgrade attempt.
            if (verifier is not null)
            {
                return SmartErrors.Token.PkceDowngrade.Create();
            }
        }
        else if (!Pkce.Verify(verifier, stored.CodeChallenge))
        {
            return SmartErrors.Token.PkceVerifierInvalid.Create();
        }

        return new TokenGrantOutcome(stored.Grant, SmartScopeSet.Parse(stored.Grant.Scope), stored.Nonce);
    }

    private void OnReplay(SmartClient client, SmartGrant grant)
    {
        Log.AuthorizationCodeReplayed(logger, client.ClientId, SecureValues.LogTag(grant.GrantId));
        audit.Raise(GrantReplayAudit.Create(SmartAuditEventKind.CodeReplay, client, grant, timeProvider, audit.CurrentHttpContext));
    }
}
