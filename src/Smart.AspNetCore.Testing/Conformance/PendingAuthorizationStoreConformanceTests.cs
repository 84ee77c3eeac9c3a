using Smart.AspNetCore.Stores;
using Xunit;

namespace Smart.AspNetCore.Testing.Conformance;

/// <summary>
/// The store conformance kit: what every <see cref="IPendingAuthorizationStore"/> must do: keep the bytes until expiry, replace, remove.
/// Derive one class per store, implement the factory, and run the checks with xUnit v2 (they are <c>[Fact]</c>s); with
/// another framework, call the public check methods from its own tests. Failures throw <see cref="SmartAssertionException"/>.
/// </summary>
public abstract class PendingAuthorizationStoreConformanceTests
{
    /// <summary>The host's factory: a store under test (a new one, or a shared one: every check uses fresh random keys).</summary>
    /// <returns>The store.</returns>
    protected abstract IPendingAuthorizationStore CreateStore();

    /// <summary>The current time as the store sees it (the real clock by default; override for a store on another clock).</summary>
    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Check: <c>GetAsync</c>: stored value, returns the bytes.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task GetAsync_StoredValue_ReturnsTheBytes()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        byte[] value = [1, 2, 3, 0, 255];

        await store.SetAsync(key, value, Now.AddMinutes(10), CancellationToken.None);

        StoreCheck.Bytes(value, (await store.GetAsync(key, CancellationToken.None)));
    }

    /// <summary>Check: <c>SetAsync</c>: existing key, replaces the value.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task SetAsync_ExistingKey_ReplacesTheValue()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.SetAsync(key, new byte[] { 1 }, Now.AddMinutes(10), CancellationToken.None);

        await store.SetAsync(key, new byte[] { 2, 2 }, Now.AddMinutes(10), CancellationToken.None);

        StoreCheck.Bytes([2, 2], (await store.GetAsync(key, CancellationToken.None)));
    }

    /// <summary>Check: <c>RemoveAsync</c>: stored value, is gone.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RemoveAsync_StoredValue_IsGone()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.SetAsync(key, new byte[] { 1 }, Now.AddMinutes(10), CancellationToken.None);

        await store.RemoveAsync(key, CancellationToken.None);

        StoreCheck.Null((await store.GetAsync(key, CancellationToken.None)));
    }

    /// <summary>Check: <c>GetAsync</c>: after expiry, is null.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task GetAsync_AfterExpiry_IsNull()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.SetAsync(key, new byte[] { 1 }, Now.AddMilliseconds(200), CancellationToken.None);

        await Task.Delay(400);

        StoreCheck.Null((await store.GetAsync(key, CancellationToken.None)));
    }

    /// <summary>Check: <c>GetAsync</c>: unknown key, is null.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task GetAsync_UnknownKey_IsNull()
    {
        StoreCheck.Null((await CreateStore().GetAsync(SmartStoreSamples.Key(), CancellationToken.None)));
    }
}
