namespace Smart.AspNetCore.Throttling;

/// <summary>
/// The counters behind <see cref="SmartRateLimitOptions"/>: fixed windows of <see cref="SmartRateLimitOptions.Window"/>
/// per remote address and per claimed <c>client_id</c>, for requests and for failed client authentications. The
/// in-memory default counts per instance; a farm of instances behind a load balancer shares one store (for example
/// <c>AddStackExchangeRedisStores()</c>), so that every budget holds for the farm as a whole and a password guesser
/// spreading requests over instances gets no more attempts. Replace it through <c>AddRateLimitStore&lt;T&gt;()</c>.
/// A window starts at the first count of its key and ends <see cref="SmartRateLimitOptions.Window"/> later.
/// A store that cannot be reached throws <see cref="Stores.SmartStoreUnavailableException"/> (the request is answered
/// <c>503</c>).
/// </summary>
public interface IRateLimitStore
{
    /// <summary>
    /// Admits a request, as one atomic step: refuses it when the address or the client has no failure budget left
    /// (<see cref="SmartRateLimitOptions.FailedAuthenticationsPerAddress"/>,
    /// <see cref="SmartRateLimitOptions.FailedAuthenticationsPerClient"/>), otherwise spends one request from the
    /// address's budget (<see cref="SmartRateLimitOptions.RequestsPerAddress"/>) and, when the address had one left, one
    /// from the client's (<see cref="SmartRateLimitOptions.RequestsPerClient"/>).
    /// </summary>
    /// <param name="address">The remote address (as text); comes from the network: bound or hash it in keys.</param>
    /// <param name="clientId">The claimed <c>client_id</c> (at most 128 characters), or <see langword="null"/> when the request names none; comes from the client: bound or hash it in keys.</param>
    /// <param name="limits">The budgets and the window length.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// <see langword="null"/> when the request is admitted; otherwise the time until the refusing window ends: more than
    /// zero and at most <see cref="SmartRateLimitOptions.Window"/>.
    /// </returns>
    Task<TimeSpan?> TryAcquireAsync(string address, string? clientId, SmartRateLimitOptions limits, CancellationToken cancellationToken);

    /// <summary>Counts a failed client authentication against the address's and the client's failure budgets.</summary>
    /// <param name="address">The remote address, as passed to <see cref="TryAcquireAsync"/>.</param>
    /// <param name="clientId">The claimed <c>client_id</c>, as passed to <see cref="TryAcquireAsync"/>.</param>
    /// <param name="limits">The budgets and the window length.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the failure is counted.</returns>
    Task RecordFailureAsync(string address, string? clientId, SmartRateLimitOptions limits, CancellationToken cancellationToken);
}
