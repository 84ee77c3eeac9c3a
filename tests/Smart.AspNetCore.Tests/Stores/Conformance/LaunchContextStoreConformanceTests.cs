using Smart.AspNetCore.LaunchContext;

namespace Smart.AspNetCore.Tests.Stores.Conformance;

/// <summary>What every <see cref="ILaunchContextStore"/> must do (AUTHZ-8: a launch is used once). Derive and implement <see cref="CreateStore"/>.</summary>
public abstract class LaunchContextStoreConformanceTests
{
    protected abstract ILaunchContextStore CreateStore();

    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task ConsumeAsync_StoredLaunch_ReturnsEveryProperty()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        var launch = StoreSamples.Launch(Now.AddMinutes(5));
        await store.StoreAsync(key, launch, CancellationToken.None);

        var consumed = await store.ConsumeAsync(key, CancellationToken.None);

        consumed.Should().BeEquivalentTo(launch);
    }

    [Fact]
    public async Task ConsumeAsync_Twice_SecondIsNull()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.Launch(Now.AddMinutes(5)), CancellationToken.None);

        (await store.ConsumeAsync(key, CancellationToken.None)).Should().NotBeNull();
        (await store.ConsumeAsync(key, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task ConsumeAsync_FiftyConcurrentCallers_ExactlyOneGetsTheLaunch()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.Launch(Now.AddMinutes(5)), CancellationToken.None);

        var results = await StoreSamples.Concurrently(50, () => store.ConsumeAsync(key, CancellationToken.None));

        results.Count(r => r is not null).Should().Be(1);
    }

    [Fact]
    public async Task ConsumeAsync_UnknownKey_IsNull()
    {
        (await CreateStore().ConsumeAsync(StoreSamples.Key(), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task ConsumeAsync_AfterExpiry_IsNull()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.Launch(Now.AddMilliseconds(300)), CancellationToken.None);

        await Task.Delay(600);

        (await store.ConsumeAsync(key, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task StoreAsync_ExistingKey_Throws()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.Launch(Now.AddMinutes(5)), CancellationToken.None);

        var again = () => store.StoreAsync(key, StoreSamples.Launch(Now.AddMinutes(5)), CancellationToken.None);

        await again.Should().ThrowAsync<InvalidOperationException>();
    }
}
