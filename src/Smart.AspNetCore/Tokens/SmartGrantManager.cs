using System.Security.Claims;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.Users;

namespace Smart.AspNetCore.Tokens;

/// <summary>Default <see cref="ISmartGrantManager"/>: the consent store lists grants; <see cref="GrantRevoker"/> ends them.</summary>
internal sealed class SmartGrantManager(
    IRefreshTokenStore refreshTokens,
    IConsentStore consents,
    GrantRevoker revoker,
    IOptions<SmartOnFhirOptions> options,
    SmartAuditDispatcher audit) : ISmartGrantManager
{
    public async Task EndSessionAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var interaction = options.Value.Interaction;
        var smartUser = SmartUser.From(user, interaction);
        if (smartUser is null)
        {
            return;
        }

        var sessionId = user.FindFirst(interaction.SessionIdClaimType)?.Value;
        await refreshTokens.RevokeOnlineAccessAsync(smartUser.Subject, sessionId, cancellationToken).ConfigureAwait(false);
        audit.Raise(new SmartAuditEvent(SmartAuditEventKind.SessionEnd, SmartAuditOutcome.Success, audit.Time, audit.CurrentHttpContext)
        {
            UserId = smartUser.Subject,
            FhirUser = smartUser.FhirUser,
            Detail = sessionId is null ? "Every online_access grant of the user ended." : "The session's online_access grants ended.",
        });
    }

    public async Task<IReadOnlyList<SmartConsent>> ListGrantsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var smartUser = SmartUser.From(user, options.Value.Interaction);
        return smartUser is null ? [] : Newest(await consents.FindBySubjectAsync(smartUser.Subject, cancellationToken).ConfigureAwait(false));
    }

    public Task<int> RevokeAsync(ClaimsPrincipal user, string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        var smartUser = SmartUser.From(user, options.Value.Interaction);
        return smartUser is null
            ? Task.FromResult(0)
            : RevokeCoreAsync(smartUser.Subject, clientId, "The user revoked the app's grants.", cancellationToken);
    }

    public async Task<IReadOnlyList<SmartConsent>> ListClientGrantsAsync(string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        return Newest(await consents.FindByClientAsync(clientId, cancellationToken).ConfigureAwait(false));
    }

    public async Task<int> RevokeClientAsync(string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        var revoked = 0;
        var entries = await consents.FindByClientAsync(clientId, cancellationToken).ConfigureAwait(false);
        foreach (var subject in entries.Select(e => e.Subject).Distinct(StringComparer.Ordinal))
        {
            revoked += await RevokeCoreAsync(subject, clientId, "An administrator revoked every grant of the client.", cancellationToken).ConfigureAwait(false);
        }

        return revoked;
    }

    public async Task<int> RevokeUserAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var revoked = 0;
        var entries = await consents.FindBySubjectAsync(subject, cancellationToken).ConfigureAwait(false);
        foreach (var clientId in entries.Select(e => e.ClientId).Distinct(StringComparer.Ordinal))
        {
            revoked += await RevokeCoreAsync(subject, clientId, "An administrator revoked every grant of the user.", cancellationToken).ConfigureAwait(false);
        }

        return revoked;
    }

    private async Task<int> RevokeCoreAsync(string subject, string clientId, string detail, CancellationToken cancellationToken)
    {
        // Removed first and atomically: each grant is revoked by exactly one caller, and the consent is forgotten.
        var removed = await consents.RemoveAsync(subject, clientId, cancellationToken).ConfigureAwait(false);
        foreach (var entry in removed)
        {
            await revoker.RevokeAsync(entry.GrantId, cancellationToken).ConfigureAwait(false);
            audit.Raise(new SmartAuditEvent(SmartAuditEventKind.Revocation, SmartAuditOutcome.Success, audit.Time, audit.CurrentHttpContext)
            {
                ClientId = clientId,
                UserId = subject,
                Scopes = entry.Scope,
                GrantIdHash = AccessTokenDefinition.GrantHash(entry.GrantId),
                Detail = detail,
            });
        }

        return removed.Count;
    }

    private static IReadOnlyList<SmartConsent> Newest(IReadOnlyList<SmartConsent> entries) => [.. entries.OrderByDescending(e => e.CreatedAt)];
}
