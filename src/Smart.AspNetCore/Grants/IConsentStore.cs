namespace Smart.AspNetCore.Grants;

/// <summary>
/// Keeps what users approved for clients (<see cref="SmartConsent"/>, one entry per grant): the memory behind
/// skipping the consent page and behind a user's "connected apps". Entries past <see cref="SmartConsent.ExpiresAt"/>
/// are never returned. Replace the in-memory default through DI (<c>AddConsentStore&lt;T&gt;()</c>, or the Redis
/// package) for a multi-node EHR.
/// </summary>
public interface IConsentStore
{
    /// <summary>Stores the approval of one grant (replacing an entry with the same subject, client and grant id).</summary>
    /// <param name="consent">The approval.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the entry is stored.</returns>
    Task StoreAsync(SmartConsent consent, CancellationToken cancellationToken);

    /// <summary>Every unexpired entry of a user, for every client.</summary>
    /// <param name="subject">The user's subject.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries, in no particular order.</returns>
    Task<IReadOnlyList<SmartConsent>> FindBySubjectAsync(string subject, CancellationToken cancellationToken);

    /// <summary>Every unexpired entry of a client, for every user (the administrator's view).</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries, in no particular order.</returns>
    Task<IReadOnlyList<SmartConsent>> FindByClientAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that tokens were issued from a grant: sets <see cref="SmartConsent.LastUsedAt"/> and keeps the entry at
    /// least until <paramref name="usableUntil"/> (a rotated refresh token extends the grant). Does nothing for an
    /// unknown or removed entry.
    /// </summary>
    /// <param name="subject">The user's subject.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="grantId">The grant.</param>
    /// <param name="usedAt">When the tokens were issued.</param>
    /// <param name="usableUntil">When the last of the issued tokens expires.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the entry is updated.</returns>
    Task TouchAsync(string subject, string clientId, string grantId, DateTimeOffset usedAt, DateTimeOffset usableUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically removes every entry of a user for a client and returns them (expired ones included), so that the
    /// caller can revoke their grants: an entry stored concurrently is either returned or survives, never lost silently.
    /// </summary>
    /// <param name="subject">The user's subject.</param>
    /// <param name="clientId">The client.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The removed entries.</returns>
    Task<IReadOnlyList<SmartConsent>> RemoveAsync(string subject, string clientId, CancellationToken cancellationToken);
}
