using Microsoft.Extensions.Options;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Interaction;

/// <summary>
/// What the authorization endpoint remembers of a user's approvals (<see cref="IConsentStore"/>): every grant made
/// through it is recorded (so that the user's connected apps can be listed and revoked); for clients whose policy is
/// <see cref="SmartConsentPolicy.Remember"/>, the approval is remembered for
/// <see cref="SmartLifetimeOptions.RememberedConsent"/>, except one that broke the glass.
/// </summary>
internal sealed class ConsentMemory(IConsentStore store, IOptions<SmartOnFhirOptions> options, TimeProvider timeProvider)
{
    /// <summary>
    /// Whether the consent page must be shown: always with <c>prompt=consent</c>; never for a trusted client; for a
    /// client whose policy is <see cref="SmartConsentPolicy.Remember"/>, unless every scope is remembered (otherwise the
    /// remembered scopes are kept in <paramref name="pending"/> for the page, which marks the new ones).
    /// </summary>
    public async Task<bool> NeedsConsentAsync(SmartClient client, string subject, SmartScopeSet scopes, AuthorizePrompt prompt, PendingAuthorization pending, CancellationToken cancellationToken)
    {
        if (prompt.HasFlag(AuthorizePrompt.Consent))
        {
            return true;
        }

        switch (client.Consent)
        {
            case SmartConsentPolicy.Trusted:
                return false;
            case SmartConsentPolicy.Remember:
                var remembered = await RememberedAsync(subject, client.ClientId, cancellationToken).ConfigureAwait(false);
                if (remembered is not null && AllRemembered(scopes, remembered))
                {
                    return false;
                }

                pending.RememberedScope = remembered?.ToString();
                return true;
            default:
                return true;
        }
    }

    /// <summary>The union of the scopes the user approved for the client and are still remembered; <see langword="null"/> when none are.</summary>
    public async Task<SmartScopeSet?> RememberedAsync(string subject, string clientId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var entries = await store.FindBySubjectAsync(subject, cancellationToken).ConfigureAwait(false);
        List<string>? scopes = null;
        foreach (var entry in entries)
        {
            if (entry.RememberedUntil > now && string.Equals(entry.ClientId, clientId, StringComparison.Ordinal))
            {
                scopes ??= [];
                foreach (var scope in SmartScopeSet.Parse(entry.Scope))
                {
                    scopes.Add(scope.Value);
                }
            }
        }

        return scopes is null || scopes.Count == 0 ? null : SmartScopeSet.Create(scopes);
    }

    private static bool AllRemembered(SmartScopeSet scopes, SmartScopeSet remembered)
    {
        foreach (var scope in scopes)
        {
            if (!remembered.Contains(scope.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How long after its code's expiry an unredeemed grant's entry stays (see <see cref="RecordAsync"/>).</summary>
    internal static readonly TimeSpan RedemptionMargin = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Records the grant a user just made to a client, as its authorization code is issued. The entry's first
    /// <see cref="SmartConsent.ExpiresAt"/> is the code's expiry (<see cref="SmartLifetimeOptions.AuthorizationCode"/>
    /// from <see cref="SmartGrant.CreatedAt"/>, as the authorization endpoint sets it) plus <see cref="RedemptionMargin"/>
    /// (a code redeemed at its last moment is touched a moment later, and a store such as Redis expires the entry by
    /// itself), or the end of the remembered consent when that is later. Token lifetimes are not derived here: until the code is redeemed no token exists,
    /// and the token issuer extends the entry at every token response (<see cref="IConsentStore.TouchAsync"/>) to
    /// when those tokens are usable until, the one place that knows (it caps an online client's refresh lifetime,
    /// for one). A code never redeemed leaves no "connected app" behind once it has expired.
    /// </summary>
    public Task RecordAsync(SmartGrant grant, SmartClient client, CancellationToken cancellationToken)
    {
        var lifetimes = options.Value.Lifetimes;
        var now = grant.CreatedAt;
        var offline = SmartScopeSet.Parse(grant.Scope).Contains(SmartScopeNames.OfflineAccess);
        DateTimeOffset? rememberedUntil = client.Consent == SmartConsentPolicy.Remember && !grant.BreakGlass ? now + lifetimes.RememberedConsent : null;
        var expiresAt = now + lifetimes.AuthorizationCode + RedemptionMargin;
        if (rememberedUntil > expiresAt)
        {
            expiresAt = rememberedUntil.Value;
        }

        return store.StoreAsync(
            new SmartConsent
            {
                GrantId = grant.GrantId,
                ClientId = grant.ClientId,
                Subject = grant.Subject,
                Scope = grant.Scope,
                OfflineAccess = offline,
                CreatedAt = now,
                RememberedUntil = rememberedUntil,
                ExpiresAt = expiresAt,
            },
            cancellationToken);
    }
}
