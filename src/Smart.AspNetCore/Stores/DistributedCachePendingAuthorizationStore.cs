using Microsoft.Extensions.Caching.Distributed;

namespace Smart.AspNetCore.Stores;

/// <summary>The default <see cref="IPendingAuthorizationStore"/>: the host's <see cref="IDistributedCache"/> (memory unless the host registers another).</summary>
internal sealed class DistributedCachePendingAuthorizationStore(IDistributedCache cache) : IPendingAuthorizationStore
{
    private const string KeyPrefix = "Smart.AspNetCore.PendingAuthorization:";

    public Task SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        cache.SetAsync(KeyPrefix + key, value.ToArray(), new DistributedCacheEntryOptions { AbsoluteExpiration = expiresAt }, cancellationToken);

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => cache.GetAsync(KeyPrefix + key, cancellationToken);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => cache.RemoveAsync(KeyPrefix + key, cancellationToken);
}
