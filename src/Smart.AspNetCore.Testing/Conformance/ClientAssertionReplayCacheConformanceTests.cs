using Smart.AspNetCore.Clients;
using Xunit;

namespace Smart.AspNetCore.Testing.Conformance;

/// <summary>
/// The store conformance kit: what every <see cref="IClientAssertionReplayCache"/> must do (CLIENT-5: a <c>jti</c> is accepted once).
/// Derive one class per store, implement the factory, and run the checks with xUnit v2 (they are <c>[Fact]</c>s); with
/// another framework, call the public check methods from its own tests. Failures throw <see cref="SmartAssertionException"/>.
/// </summary>
public abstract class ClientAssertionReplayCacheConformanceTests
{
    /// <summary>The host's factory: a store under test (a new one, or a shared one: every check uses fresh random keys).</summary>
    /// <returns>The store.</returns>
    protected abstract IClientAssertionReplayCache CreateCache();

    /// <summary>The current time as the store sees it (the real clock by default; override for a store on another clock).</summary>
    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Check: <c>TryAddAsync</c>: twice, second is areplay.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAddAsync_Twice_SecondIsAReplay()
    {
        var cache = CreateCache();
        var key = SmartStoreSamples.Key();

        StoreCheck.True((await cache.TryAddAsync(key, Now.AddMinutes(5), CancellationToken.None)));
        StoreCheck.False((await cache.TryAddAsync(key, Now.AddMinutes(5), CancellationToken.None)));
    }

    /// <summary>Check: <c>TryAddAsync</c>: fifty concurrent callers, exactly one adds.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAddAsync_FiftyConcurrentCallers_ExactlyOneAdds()
    {
        var cache = CreateCache();
        var key = SmartStoreSamples.Key();

        var results = await SmartStoreSamples.Concurrently(50, () => cache.TryAddAsync(key, Now.AddMinutes(5), CancellationToken.None));

        StoreCheck.Equal(1, results.Count(added => added));
    }

    /// <summary>Check: <c>TryAddAsync</c>: after expiry, adds again.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAddAsync_AfterExpiry_AddsAgain()
    {
        var cache = CreateCache();
        var key = SmartStoreSamples.Key();
        await cache.TryAddAsync(key, Now.AddMilliseconds(200), CancellationToken.None);

        await Task.Delay(400);

        StoreCheck.True((await cache.TryAddAsync(key, Now.AddMinutes(5), CancellationToken.None)));
    }

    /// <summary>Check: <c>TryAddAsync</c>: other key, is independent.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAddAsync_OtherKey_IsIndependent()
    {
        var cache = CreateCache();
        await cache.TryAddAsync(SmartStoreSamples.Key(), Now.AddMinutes(5), CancellationToken.None);

        StoreCheck.True((await cache.TryAddAsync(SmartStoreSamples.Key(), Now.AddMinutes(5), CancellationToken.None)));
    }
}
