using Smart.AspNetCore.Stores;
using StackExchange.Redis;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>Authorization requests in progress in Redis: <c>SET PX</c>, <c>GET</c>, <c>DEL</c>.</summary>
internal sealed class RedisPendingAuthorizationStore(RedisStoreRunner redis) : IPendingAuthorizationStore
{
    public Task SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        redis.RunAsync(
            "pending.set",
            db => db.StringSetAsync(redis.Key("pending", key), value, redis.TimeToLive(expiresAt)),
            cancellationToken);

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var value = await redis.RunAsync("pending.get", db => db.StringGetAsync(redis.Key("pending", key)), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : (byte[])value!;
    }

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        redis.RunAsync("pending.remove", db => db.KeyDeleteAsync(redis.Key("pending", key)), cancellationToken);
}
