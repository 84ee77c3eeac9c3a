using Smart.AspNetCore.Stores;

namespace Smart.AspNetCore.Tests.Stores.Conformance;

/// <summary>What every <see cref="IPendingAuthorizationStore"/> must do: keep the bytes until expiry, replace, remove.</summary>
public abstract class PendingAuthorizationStoreConformanceTests
{
    protected abstract IPendingAuthorizationStore CreateStore();

    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task GetAsync_StoredValue_ReturnsTheBytes()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        byte[] value = [1, 2, 3, 0, 255];

        await store.SetAsync(key, value, Now.AddMinutes(10), CancellationToken.None);

        (await store.GetAsync(key, CancellationToken.None)).Should().Equal(value);
    }

    [Fact]
    public async Task SetAsync_ExistingKey_ReplacesTheValue()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.SetAsync(key, new byte[] { 1 }, Now.AddMinutes(10), CancellationToken.None);

        await store.SetAsync(key, new byte[] { 2, 2 }, Now.AddMinutes(10), CancellationToken.None);

        (await store.GetAsync(key, CancellationToken.None)).Should().Equal(2, 2);
    }

    [Fact]
    public async Task RemoveAsync_StoredValue_IsGone()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.SetAsync(key, new byte[] { 1 }, Now.AddMinutes(10), CancellationToken.None);

        await store.RemoveAsync(key, CancellationToken.None);

        (await store.GetAsync(key, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task GetAsync_AfterExpiry_IsNull()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.SetAsync(key, new byte[] { 1 }, Now.AddMilliseconds(200), CancellationToken.None);

        await Task.Delay(400);

        (await store.GetAsync(key, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task GetAsync_UnknownKey_IsNull()
    {
        (await CreateStore().GetAsync(StoreSamples.Key(), CancellationToken.None)).Should().BeNull();
    }
}
