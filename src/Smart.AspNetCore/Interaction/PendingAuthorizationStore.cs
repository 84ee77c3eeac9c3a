using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Interaction;

/// <summary>
/// Keeps <see cref="PendingAuthorization"/>s in the host's <see cref="IDistributedCache"/> (memory by default; Redis
/// or SQL in a multi-node EHR), keyed by the SHA-256 of the request id.
/// </summary>
internal sealed class PendingAuthorizationStore(IDistributedCache cache, TimeProvider timeProvider)
{
    private const string KeyPrefix = "Smart.AspNetCore.PendingAuthorization:";

    private static readonly JsonSerializerOptions s_json = new()
    {
        PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<string> CreateAsync(PendingAuthorization pending, CancellationToken cancellationToken)
    {
        var requestId = SecureValues.CreateHandle();
        await SaveAsync(requestId, pending, cancellationToken).ConfigureAwait(false);
        return requestId;
    }

    public Task SaveAsync(string requestId, PendingAuthorization pending, CancellationToken cancellationToken) =>
        cache.SetAsync(
            Key(requestId),
            JsonSerializer.SerializeToUtf8Bytes(pending, s_json),
            new DistributedCacheEntryOptions { AbsoluteExpiration = pending.ExpiresAt },
            cancellationToken);

    public async Task<PendingAuthorization?> FindAsync(string? requestId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(requestId) || requestId.Length > 128)
        {
            return null;
        }

        var bytes = await cache.GetAsync(Key(requestId), cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        var pending = JsonSerializer.Deserialize<PendingAuthorization>(bytes, s_json);
        return pending is not null && pending.ExpiresAt > timeProvider.GetUtcNow() ? pending : null;
    }

    public Task RemoveAsync(string requestId, CancellationToken cancellationToken) =>
        cache.RemoveAsync(Key(requestId), cancellationToken);

    private static string Key(string requestId) => KeyPrefix + SecureValues.HashHandle(requestId);
}
