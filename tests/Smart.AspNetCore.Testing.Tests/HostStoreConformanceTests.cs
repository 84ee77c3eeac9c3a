using System.Collections.Concurrent;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Testing.Conformance;

namespace Smart.AspNetCore.Testing.Tests;

// A host's own stores, as a host would write them (here over a ConcurrentDictionary, where a host would use SQL or
// Cosmos), proved by the kit: one class per store, one factory line each.

public sealed class HostLaunchContextStoreConformance : LaunchContextStoreConformanceTests
{
    protected override ILaunchContextStore CreateStore() => new HostLaunchContextStore(TimeProvider.System);
}

public sealed class HostReplayCacheConformance : ClientAssertionReplayCacheConformanceTests
{
    protected override IClientAssertionReplayCache CreateCache() => new HostReplayCache(TimeProvider.System, singleUse: true);
}

/// <summary>The kit fails a store that breaks the contract, saying what it did (CLIENT-5: a jti is accepted once).</summary>
public sealed class BrokenStoreConformanceTests
{
    [Fact]
    public async Task ReplayCheck_CacheThatAcceptsEveryJti_Fails()
    {
        var kit = new BrokenReplayCacheConformance();

        var exception = await Assert.ThrowsAsync<SmartAssertionException>(kit.TryAddAsync_Twice_SecondIsAReplay);

        Assert.Equal("Expected false, got true.", exception.Message);
    }

    [Fact]
    public async Task ConcurrencyCheck_CacheThatAcceptsEveryJti_Fails()
    {
        var kit = new BrokenReplayCacheConformance();

        var exception = await Assert.ThrowsAsync<SmartAssertionException>(kit.TryAddAsync_FiftyConcurrentCallers_ExactlyOneAdds);

        Assert.Equal("Expected 1, got 50.", exception.Message);
    }

    // Not public: xUnit runs it only through the tests above.
    private sealed class BrokenReplayCacheConformance : ClientAssertionReplayCacheConformanceTests
    {
        protected override IClientAssertionReplayCache CreateCache() => new HostReplayCache(TimeProvider.System, singleUse: false);
    }
}

internal sealed class HostLaunchContextStore(TimeProvider time) : ILaunchContextStore
{
    private readonly ConcurrentDictionary<string, SmartStoredLaunch> _launches = new(StringComparer.Ordinal);

    public Task StoreAsync(string key, SmartStoredLaunch launch, CancellationToken cancellationToken) =>
        _launches.TryAdd(key, launch) ? Task.CompletedTask : throw new InvalidOperationException("The launch key exists.");

    public Task<SmartStoredLaunch?> ConsumeAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_launches.TryRemove(key, out var launch) && launch.ExpiresAt > time.GetUtcNow() ? launch : null);
}

internal sealed class HostReplayCache(TimeProvider time, bool singleUse) : IClientAssertionReplayCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public Task<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (!singleUse)
        {
            return Task.FromResult(true);
        }

        var now = time.GetUtcNow();
        while (true)
        {
            if (_seen.TryAdd(key, expiresAt))
            {
                return Task.FromResult(true);
            }

            if (_seen.TryGetValue(key, out var existing) && existing > now)
            {
                return Task.FromResult(false);
            }

            // Expired: replace it, unless another caller just did.
            if (_seen.TryUpdate(key, expiresAt, existing))
            {
                return Task.FromResult(true);
            }
        }
    }
}

/// <summary>The rate-limit kit fails a store that never refuses (a farm's budgets would be unlimited), saying what it got.</summary>
public sealed class BrokenRateLimitStoreConformanceTests
{
    [Fact]
    public async Task BudgetCheck_StoreThatAdmitsEverything_Fails()
    {
        var kit = new AdmitsEverythingConformance();

        var exception = await Assert.ThrowsAsync<SmartAssertionException>(kit.TryAcquireAsync_AddressRequestBudget_AdmitsThatManyThenRefuses);

        Assert.Equal("Expected a value, got null.", exception.Message);
    }

    [Fact]
    public async Task ConcurrencyCheck_StoreThatAdmitsEverything_Fails()
    {
        var kit = new AdmitsEverythingConformance();

        var exception = await Assert.ThrowsAsync<SmartAssertionException>(kit.TryAcquireAsync_FiftyConcurrentRequests_ExactlyTheBudgetAdmitted);

        Assert.Equal("Expected 10, got 50.", exception.Message);
    }

    // Not public: xUnit runs it only through the tests above.
    private sealed class AdmitsEverythingConformance : RateLimitStoreConformanceTests
    {
        protected override Smart.AspNetCore.Throttling.IRateLimitStore CreateStore() => new AdmitsEverything();
    }

    private sealed class AdmitsEverything : Smart.AspNetCore.Throttling.IRateLimitStore
    {
        public Task<TimeSpan?> TryAcquireAsync(string address, string? clientId, SmartRateLimitOptions limits, CancellationToken cancellationToken) =>
            Task.FromResult<TimeSpan?>(null);

        public Task RecordFailureAsync(string address, string? clientId, SmartRateLimitOptions limits, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }
}
