using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// The multiplexer the stores use: the host's <see cref="IConnectionMultiplexer"/> when one is registered, otherwise
/// one connection created on first use from the options (never aborting on a failed connect, so that Redis coming
/// back later needs no restart; failing fast while disconnected, so that nothing queued runs after its request was
/// answered 503). A host's own multiplexer should use <see cref="BacklogPolicy.FailFast"/> too.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly IConnectionMultiplexer? _shared;
    private readonly Lazy<Task<IConnectionMultiplexer>>? _owned;

    public RedisConnection(IOptions<SmartRedisStoreOptions> options, IServiceProvider services)
    {
        var value = options.Value;
        _shared = (IConnectionMultiplexer?)services.GetService(typeof(IConnectionMultiplexer));
        if (_shared is null)
        {
            var configuration = value.ConfigurationOptions?.Clone()
                ?? (string.IsNullOrWhiteSpace(value.Configuration)
                    ? throw new InvalidOperationException("AddStackExchangeRedisStores: set SmartRedisStoreOptions.Configuration or ConfigurationOptions, or register an IConnectionMultiplexer.")
                    : ConfigurationOptions.Parse(value.Configuration));
            configuration.AbortOnConnectFail = false;

            // Fail at once while disconnected instead of queueing: a command answered 503 must not run later.
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            var timeoutMs = (int)Math.Ceiling(value.OperationTimeout.TotalMilliseconds);
            configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, timeoutMs);
            configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, timeoutMs);
            configuration.SyncTimeout = Math.Min(configuration.SyncTimeout, timeoutMs);
            _owned = new Lazy<Task<IConnectionMultiplexer>>(
                async () => await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false),
                LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    public ValueTask<IConnectionMultiplexer> GetAsync() =>
        _shared is not null ? ValueTask.FromResult(_shared) : new ValueTask<IConnectionMultiplexer>(_owned!.Value);

    public void Dispose()
    {
        if (_owned is { IsValueCreated: true } owned && owned.Value.IsCompletedSuccessfully)
        {
            owned.Value.Result.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is { IsValueCreated: true } owned && owned.Value.IsCompletedSuccessfully)
        {
            await (await owned.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }
}
