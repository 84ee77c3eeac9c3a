namespace Smart.AspNetCore.Stores;

/// <summary>
/// Keeps authorization requests in progress (between <c>/authorize</c>, the host's login, patient-picker and consent
/// pages, and the resumed <c>/authorize</c>) as opaque serialized values. The default keeps them in the host's
/// <c>IDistributedCache</c>; a multi-node EHR shares them (the Redis package replaces this store).
/// </summary>
public interface IPendingAuthorizationStore
{
    /// <summary>Stores or replaces the value under <paramref name="key"/> until <paramref name="expiresAt"/>.</summary>
    /// <param name="key">The SHA-256 (base64url) of the request id, never the id itself.</param>
    /// <param name="value">The serialized request.</param>
    /// <param name="expiresAt">When the request may be forgotten.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    Task SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Reads the value stored under <paramref name="key"/>.</summary>
    /// <param name="key">The hashed request id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The value, or <see langword="null"/> when unknown or expired.</returns>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the value stored under <paramref name="key"/> (nothing happens when there is none).</summary>
    /// <param name="key">The hashed request id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the value is removed.</returns>
    Task RemoveAsync(string key, CancellationToken cancellationToken);
}
