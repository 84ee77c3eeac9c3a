using System.Text.Json;
using System.Text.Json.Serialization;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Stores;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Interaction;

/// <summary>
/// Keeps <see cref="PendingAuthorization"/>s in an <see cref="IPendingAuthorizationStore"/> (the host's
/// <c>IDistributedCache</c> by default; Redis or SQL in a multi-node EHR), keyed by the SHA-256 of the request id.
/// </summary>
internal sealed class PendingAuthorizationStore(IPendingAuthorizationStore store, TimeProvider timeProvider)
{
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
        store.SetAsync(Key(requestId), JsonSerializer.SerializeToUtf8Bytes(pending, s_json), pending.ExpiresAt, cancellationToken);

    public async Task<PendingAuthorization?> FindAsync(string? requestId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(requestId) || requestId.Length > 128)
        {
            return null;
        }

        var bytes = await store.GetAsync(Key(requestId), cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        var pending = JsonSerializer.Deserialize<PendingAuthorization>(bytes, s_json);
        return pending is not null && pending.ExpiresAt > timeProvider.GetUtcNow() ? pending : null;
    }

    public Task RemoveAsync(string requestId, CancellationToken cancellationToken) =>
        store.RemoveAsync(Key(requestId), cancellationToken);

    private static string Key(string requestId) => SecureValues.HashHandle(requestId);
}
