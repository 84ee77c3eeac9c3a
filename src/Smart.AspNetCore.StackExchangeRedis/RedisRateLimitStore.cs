using System.Security.Cryptography;
using System.Text;
using Smart.AspNetCore;
using Smart.AspNetCore.Throttling;
using StackExchange.Redis;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// The rate-limit counters in Redis, shared by every instance: fixed windows, one counter key per budget and
/// address or client, expiring with its window (<c>PEXPIRE</c> set when the key is created). Admitting a request is one
/// Lua script, one round trip (<see cref="RedisRateLimitScripts.Acquire"/>); counting a failed authentication another
/// (<see cref="RedisRateLimitScripts.RecordFailure"/>). Addresses and client ids are SHA-256 hashed into the keys (fixed
/// length, never raw). Every counter key carries the same Redis Cluster hash tag (<c>{ratelimit}</c>), so that one
/// script may touch the address's and the client's counters on a cluster: all rate-limit counters live in one slot.
/// </summary>
internal sealed class RedisRateLimitStore(RedisStoreRunner redis) : IRateLimitStore
{
    private const string Tag = "ratelimit";

    public Task<TimeSpan?> TryAcquireAsync(string address, string? clientId, SmartRateLimitOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(limits);
        var addressHash = Hash(address);
        RedisKey[] keys = clientId is null
            ? [Key("address-failures", addressHash), Key("address-requests", addressHash)]
            : [Key("address-failures", addressHash), Key("address-requests", addressHash), Key("client-failures", Hash(clientId)), Key("client-requests", Hash(clientId))];
        RedisValue[] arguments =
        [
            WindowMilliseconds(limits),
            limits.FailedAuthenticationsPerAddress,
            limits.RequestsPerAddress,
            limits.FailedAuthenticationsPerClient,
            limits.RequestsPerClient,
        ];
        return redis.RunAsync<TimeSpan?>(
            "ratelimit.acquire",
            async db =>
            {
                var wait = (long)(await db.ScriptEvaluateAsync(RedisRateLimitScripts.Acquire, keys, arguments).ConfigureAwait(false));
                return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
            },
            cancellationToken);
    }

    public Task RecordFailureAsync(string address, string? clientId, SmartRateLimitOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(limits);
        RedisKey[] keys = clientId is null
            ? [Key("address-failures", Hash(address))]
            : [Key("address-failures", Hash(address)), Key("client-failures", Hash(clientId))];
        return redis.RunAsync(
            "ratelimit.failure",
            db => db.ScriptEvaluateAsync(RedisRateLimitScripts.RecordFailure, keys, [WindowMilliseconds(limits)]),
            cancellationToken);
    }

    private RedisKey Key(string kind, string hash) => redis.TaggedKey(Tag, kind, hash);

    private static long WindowMilliseconds(SmartRateLimitOptions limits) => Math.Max(1, (long)Math.Ceiling(limits.Window.TotalMilliseconds));

    private static string Hash(string value) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
