using System.Text.Json;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Stores;
using StackExchange.Redis;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>Launches in Redis: <c>SET NX PX</c> to store, <c>GETDEL</c> to consume (single use, one step).</summary>
internal sealed class RedisLaunchContextStore(RedisStoreRunner redis) : ILaunchContextStore
{
    public async Task StoreAsync(string key, SmartStoredLaunch launch, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.SerializeToUtf8Bytes(launch, SmartStoreJson.StoredLaunch);
        var stored = await redis.RunAsync(
            "launch.store",
            db => db.StringSetAsync(redis.Key("launch", key), value, redis.TimeToLive(launch.ExpiresAt), When.NotExists),
            cancellationToken).ConfigureAwait(false);
        if (!stored)
        {
            throw new InvalidOperationException("A launch with this key already exists.");
        }
    }

    public async Task<SmartStoredLaunch?> ConsumeAsync(string key, CancellationToken cancellationToken)
    {
        var value = await redis.RunAsync("launch.consume", db => db.StringGetDeleteAsync(redis.Key("launch", key)), cancellationToken).ConfigureAwait(false);
        if (value.IsNull)
        {
            return null;
        }

        var launch = JsonSerializer.Deserialize((byte[])value!, SmartStoreJson.StoredLaunch);
        return launch is not null && launch.ExpiresAt > redis.Time.GetUtcNow() ? launch : null;
    }
}
