using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Smart.AspNetCore.Throttling;

namespace Smart.AspNetCore.Tests.Stores;

/// <summary>The in-memory counters on the injected clock: refused one tick before the window ends, admitted at its end.</summary>
public sealed class InMemoryRateLimitStoreTests
{
    private static readonly SmartRateLimitOptions Limits = new() { Enabled = true, Window = TimeSpan.FromMinutes(1), RequestsPerAddress = 1, FailedAuthenticationsPerClient = 1 };

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AddSmartOnFhir_Default_IsTheInMemoryStore() =>
        StoreServices.InMemory().GetRequiredService<IRateLimitStore>().Should().BeOfType<InMemoryRateLimitStore>();

    [Fact]
    public async Task TryAcquireAsync_OneTickBeforeWindowEnds_RefusedWithOneTickToWait()
    {
        var store = new InMemoryRateLimitStore(_time);
        await store.TryAcquireAsync("192.0.2.1", null, Limits, CancellationToken.None);

        _time.Advance(Limits.Window - TimeSpan.FromTicks(1));

        (await store.TryAcquireAsync("192.0.2.1", null, Limits, CancellationToken.None)).Should().Be(TimeSpan.FromTicks(1));
    }

    [Fact]
    public async Task TryAcquireAsync_AtWindowEnd_Admitted()
    {
        var store = new InMemoryRateLimitStore(_time);
        await store.TryAcquireAsync("192.0.2.1", null, Limits, CancellationToken.None);
        (await store.TryAcquireAsync("192.0.2.1", null, Limits, CancellationToken.None)).Should().Be(Limits.Window);

        _time.Advance(Limits.Window);

        (await store.TryAcquireAsync("192.0.2.1", null, Limits, CancellationToken.None)).Should().BeNull();
    }

    [Fact] // The failure window starts at the first failure and ends a window later.
    public async Task RecordFailureAsync_LockoutEndsOneWindowAfterTheFirstFailure()
    {
        var store = new InMemoryRateLimitStore(_time);
        await store.RecordFailureAsync("192.0.2.1", "app", Limits, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(45));

        (await store.TryAcquireAsync("192.0.2.2", "app", Limits, CancellationToken.None)).Should().Be(TimeSpan.FromSeconds(15));
        _time.Advance(TimeSpan.FromSeconds(15));
        (await store.TryAcquireAsync("192.0.2.2", "app", Limits, CancellationToken.None)).Should().BeNull();
    }
}
