using Microsoft.Extensions.DependencyInjection;
using Smart.AspNetCore.Stores;
using Smart.AspNetCore.Testing;
using Smart.AspNetCore.Throttling;
using StackExchange.Redis;

namespace Smart.AspNetCore.Tests.Stores;

/// <summary>
/// The cost and the keys of the Redis rate-limit counters: admitting a request is one command (one <c>EVALSHA</c>, one
/// round trip) counted in the server's own slow log, as in <see cref="RedisRefreshRoundTripTests"/>; the keys hold
/// neither the address nor the client id, have a bounded length, one hash tag and a time to live. Its own redis-server,
/// because the slow log and the key space are server-wide.
/// </summary>
public sealed class RedisRateLimitStoreTests : IAsyncLifetime
{
    private const string Prefix = "rl-test:";

    private readonly RedisServer _server = new();
    private readonly ServiceProvider _services;
    private readonly RedisCommandLog _log;

    public RedisRateLimitStoreTests()
    {
        _services = StoreServices.Redis(_server, o =>
        {
            o.Configuration = _server.Configuration + ",name=" + RedisCommandLog.StoreClientName;
            o.KeyPrefix = Prefix;
        });
        _log = new RedisCommandLog(_server);
    }

    private IRateLimitStore Store => _services.GetRequiredService<IRateLimitStore>();

    [Fact]
    public async Task TryAcquireAsync_WithClient_IsOneCommand()
    {
        var (wait, commands) = await _log.CountAsync(() => Store.TryAcquireAsync("192.0.2.1", "growth-chart", Limits(), CancellationToken.None));

        wait.Should().BeNull();
        commands.Should().ContainSingle().Which.Should().Be("EVALSHA");
    }

    [Fact]
    public async Task RecordFailureAsync_IsOneCommand()
    {
        var (_, commands) = await _log.CountAsync(async () =>
        {
            await Store.RecordFailureAsync("192.0.2.1", "growth-chart", Limits(), CancellationToken.None);
            return true;
        });

        commands.Should().ContainSingle().Which.Should().Be("EVALSHA");
    }

    [Fact] // Addresses and client ids come from the network: never raw, never unbounded, in a key.
    public async Task Keys_HashedTaggedBoundedAndExpiring()
    {
        var address = "2001:db8::1";
        var client = "client-" + new string('z', 120);
        await Store.TryAcquireAsync(address, client, Limits(), CancellationToken.None);
        await Store.RecordFailureAsync(address, client, Limits(), CancellationToken.None);

        var server = _log.Admin.GetServer(_log.Admin.GetEndPoints()[0]);
        var keys = server.Keys(pattern: Prefix + "*").Select(k => (string)k!).ToList();

        keys.Should().HaveCount(4);
        keys.Should().OnlyContain(k => k.StartsWith(Prefix + "{ratelimit}:", StringComparison.Ordinal) && k.Length <= Prefix.Length + 80);
        keys.Should().NotContain(k => k.Contains("2001", StringComparison.Ordinal) || k.Contains("zzz", StringComparison.Ordinal));
        foreach (var key in keys)
        {
            var ttl = await _log.Admin.GetDatabase().KeyTimeToLiveAsync(key);
            ttl.Should().NotBeNull().And.BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        }
    }

    [Fact] // A Redis that does not answer: the request is answered 503 (SmartStoreUnavailableException), never 500.
    public async Task TryAcquireAsync_RedisDown_ThrowsStoreUnavailable()
    {
        using var down = new RedisServer();
        using var services = StoreServices.Redis(down, o => o.OperationTimeout = TimeSpan.FromSeconds(1));
        var store = services.GetRequiredService<IRateLimitStore>();
        down.Stop();

        var acquire = () => store.TryAcquireAsync("192.0.2.1", "growth-chart", Limits(), CancellationToken.None);
        var record = () => store.RecordFailureAsync("192.0.2.1", "growth-chart", Limits(), CancellationToken.None);

        await acquire.Should().ThrowAsync<SmartStoreUnavailableException>();
        await record.Should().ThrowAsync<SmartStoreUnavailableException>();
    }

    public async Task InitializeAsync()
    {
        // Warm-up: each script once on the store's connection (the first use also sends SCRIPT LOAD).
        await Store.TryAcquireAsync("192.0.2.250", "warm-up", Limits(), CancellationToken.None);
        await Store.RecordFailureAsync("192.0.2.250", "warm-up", Limits(), CancellationToken.None);
        await _log.Admin.GetDatabase().ExecuteAsync("FLUSHDB");
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        await _services.DisposeAsync();
        _server.Dispose();
    }

    private static SmartRateLimitOptions Limits() => new() { Enabled = true };
}
