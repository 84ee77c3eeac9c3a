using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Stores;
using StackExchange.Redis;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// Runs every Redis store operation: names the keys (prefix + kind + hashed key), bounds the time
/// (<see cref="SmartRedisStoreOptions.OperationTimeout"/>) and turns transient Redis failures (connection refused or
/// lost, timeouts, a server still loading) into <see cref="SmartStoreUnavailableException"/>.
/// </summary>
internal sealed class RedisStoreRunner(RedisConnection connection, IOptions<SmartRedisStoreOptions> options, TimeProvider timeProvider, ILogger<RedisStoreRunner> logger)
{
    private readonly string _prefix = options.Value.KeyPrefix ?? string.Empty;
    private readonly TimeSpan _timeout = options.Value.OperationTimeout;

    public TimeProvider Time => timeProvider;

    public SmartRedisStoreOptions Options => options.Value;

    /// <summary>The full key: prefix, kind and the (already hashed) key in braces, the Redis Cluster hash tag.</summary>
    public RedisKey Key(string kind, string key) => _prefix + kind + ":{" + key + "}";

    /// <summary>
    /// A key of a family that one script touches several of at once: prefix, the family's hash tag in braces (one Redis
    /// Cluster slot for the family), kind and the (already hashed) key.
    /// </summary>
    public RedisKey TaggedKey(string tag, string kind, string key) => _prefix + "{" + tag + "}:" + kind + ":" + key;

    /// <summary>A time to live until <paramref name="expiresAt"/>, at least one millisecond.</summary>
    public TimeSpan TimeToLive(DateTimeOffset expiresAt)
    {
        var ttl = expiresAt - timeProvider.GetUtcNow();
        return ttl > TimeSpan.FromMilliseconds(1) ? ttl : TimeSpan.FromMilliseconds(1);
    }

    public async Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            var run = RunCoreAsync(action);
            return await run.WaitAsync(_timeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            RedisLog.StoreUnavailable(logger, operation, ex.GetType().Name);
            throw new SmartStoreUnavailableException($"Redis did not complete '{operation}' within {_timeout.TotalSeconds:0.#} s.", ex);
        }
    }

    public Task RunAsync(string operation, Func<IDatabase, Task> action, CancellationToken cancellationToken) =>
        RunAsync<bool>(operation, async db => { await action(db).ConfigureAwait(false); return true; }, cancellationToken);

    private async Task<T> RunCoreAsync<T>(Func<IDatabase, Task<T>> action)
    {
        var multiplexer = await connection.GetAsync().ConfigureAwait(false);
        return await action(multiplexer.GetDatabase()).ConfigureAwait(false);
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("BUSY", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || server.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal),
        RedisException redis => redis.Message.Contains("No connection", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
