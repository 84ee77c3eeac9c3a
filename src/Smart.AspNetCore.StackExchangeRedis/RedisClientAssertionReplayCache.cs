using Smart.AspNetCore.Clients;
using StackExchange.Redis;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>Client-assertion <c>jti</c>s in Redis: one <c>SET NX PX</c> (CLIENT-5): exactly one caller, on any instance, adds a key.</summary>
internal sealed class RedisClientAssertionReplayCache(RedisStoreRunner redis) : IClientAssertionReplayCache
{
    public Task<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        redis.RunAsync(
            "assertion.add",
            db => db.StringSetAsync(redis.Key("jti", key), 1, redis.TimeToLive(expiresAt), When.NotExists),
            cancellationToken);
}
