using Smart.AspNetCore.Grants;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>Revoked access tokens in Redis: one key per token, kept until the token would have expired (REVOKE-2, RS-4).</summary>
internal sealed class RedisAccessTokenDenylist(RedisStoreRunner redis) : IAccessTokenDenylist
{
    public Task AddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        redis.RunAsync(
            "denylist.add",
            db => db.StringSetAsync(redis.Key("revoked", key), 1, redis.TimeToLive(expiresAt)),
            cancellationToken);

    public Task<bool> IsRevokedAsync(string key, CancellationToken cancellationToken) =>
        redis.RunAsync("denylist.check", db => db.KeyExistsAsync(redis.Key("revoked", key)), cancellationToken);
}
