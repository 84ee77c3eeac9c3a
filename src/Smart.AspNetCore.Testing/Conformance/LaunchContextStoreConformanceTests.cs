using Smart.AspNetCore.LaunchContext;
using Xunit;

namespace Smart.AspNetCore.Testing.Conformance;

/// <summary>
/// The store conformance kit: what every <see cref="ILaunchContextStore"/> must do (AUTHZ-8: a launch is used once). Derive and implement <see cref="CreateStore"/>.
/// Derive one class per store, implement the factory, and run the checks with xUnit v2 (they are <c>[Fact]</c>s); with
/// another framework, call the public check methods from its own tests. Failures throw <see cref="SmartAssertionException"/>.
/// </summary>
public abstract class LaunchContextStoreConformanceTests
{
    /// <summary>The host's factory: a store under test (a new one, or a shared one: every check uses fresh random keys).</summary>
    /// <returns>The store.</returns>
    protected abstract ILaunchContextStore CreateStore();

    /// <summary>The current time as the store sees it (the real clock by default; override for a store on another clock).</summary>
    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Check: <c>ConsumeAsync</c>: stored launch, returns every property.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task ConsumeAsync_StoredLaunch_ReturnsEveryProperty()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        var launch = SmartStoreSamples.Launch(Now.AddMinutes(5));
        await store.StoreAsync(key, launch, CancellationToken.None);

        var consumed = await store.ConsumeAsync(key, CancellationToken.None);

        StoreCheck.Equivalent(launch, consumed);
    }

    /// <summary>Check: <c>ConsumeAsync</c>: twice, second is null.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task ConsumeAsync_Twice_SecondIsNull()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.Launch(Now.AddMinutes(5)), CancellationToken.None);

        StoreCheck.NotNull((await store.ConsumeAsync(key, CancellationToken.None)));
        StoreCheck.Null((await store.ConsumeAsync(key, CancellationToken.None)));
    }

    /// <summary>Check: <c>ConsumeAsync</c>: fifty concurrent callers, exactly one gets the launch.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task ConsumeAsync_FiftyConcurrentCallers_ExactlyOneGetsTheLaunch()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.Launch(Now.AddMinutes(5)), CancellationToken.None);

        var results = await SmartStoreSamples.Concurrently(50, () => store.ConsumeAsync(key, CancellationToken.None));

        StoreCheck.Equal(1, results.Count(r => r is not null));
    }

    /// <summary>Check: <c>ConsumeAsync</c>: unknown key, is null.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task ConsumeAsync_UnknownKey_IsNull()
    {
        StoreCheck.Null((await CreateStore().ConsumeAsync(SmartStoreSamples.Key(), CancellationToken.None)));
    }

    /// <summary>Check: <c>ConsumeAsync</c>: after expiry, is null.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task ConsumeAsync_AfterExpiry_IsNull()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.Launch(Now.AddMilliseconds(300)), CancellationToken.None);

        await Task.Delay(600);

        StoreCheck.Null((await store.ConsumeAsync(key, CancellationToken.None)));
    }

    /// <summary>Check: <c>StoreAsync</c>: existing key, throws.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task StoreAsync_ExistingKey_Throws()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.Launch(Now.AddMinutes(5)), CancellationToken.None);

        var again = () => store.StoreAsync(key, SmartStoreSamples.Launch(Now.AddMinutes(5)), CancellationToken.None);

        await StoreCheck.ThrowsAsync<InvalidOperationException>(again);
    }
}
