using Smart.AspNetCore.Clients;

namespace Smart.AspNetCore.Tests.Stores.Conformance;

/// <summary>What every <see cref="IClientAssertionReplayCache"/> must do (CLIENT-5: a <c>jti</c> is accepted once).</summary>
public abstract class ClientAssertionReplayCacheConformanceTests
{
    protected abstract IClientAssertionReplayCache CreateCache();

    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task TryAddAsync_Twice_SecondIsAReplay()
    {
        var cache = CreateCache();
        var key = StoreSamples.Key();

        (await cache.TryAddAsync(key, Now.AddMinutes(5), CancellationToken.None)).Should().BeTrue();
        (await cache.TryAddAsync(key, Now.AddMinutes(5), CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task TryAddAsync_FiftyConcurrentCallers_ExactlyOneAdds()
    {
        var cache = CreateCache();
        var key = StoreSamples.Key();

        var results = await StoreSamples.Concurrently(50, () => cache.TryAddAsync(key, Now.AddMinutes(5), CancellationToken.None));

        results.Count(added => added).Should().Be(1);
    }

    [Fact]
    public async Task TryAddAsync_AfterExpiry_AddsAgain()
    {
        var cache = CreateCache();
        var key = StoreSamples.Key();
        await cache.TryAddAsync(key, Now.AddMilliseconds(200), CancellationToken.None);

        await Task.Delay(400);

        (await cache.TryAddAsync(key, Now.AddMinutes(5), CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task TryAddAsync_OtherKey_IsIndependent()
    {
        var cache = CreateCache();
        await cache.TryAddAsync(StoreSamples.Key(), Now.AddMinutes(5), CancellationToken.None);

        (await cache.TryAddAsync(StoreSamples.Key(), Now.AddMinutes(5), CancellationToken.None)).Should().BeTrue();
    }
}
