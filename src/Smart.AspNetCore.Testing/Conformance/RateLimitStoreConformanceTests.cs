using Smart.AspNetCore.Throttling;
using Xunit;

namespace Smart.AspNetCore.Testing.Conformance;

/// <summary>
/// The store conformance kit: what every <see cref="IRateLimitStore"/> must do (the budgets of
/// <see cref="SmartRateLimitOptions"/>: fixed windows per address and per client, failure budgets that refuse before
/// credentials are checked, <c>Retry-After</c> within the window, keys independent of each other, admission atomic).
/// Derive one class per store, implement the factory, and run the checks with xUnit v2 (they are <c>[Fact]</c>s); with
/// another framework, call the public check methods from its own tests. Failures throw <see cref="SmartAssertionException"/>.
/// Budget checks use a one-minute window; the expiry checks use <see cref="ShortWindow"/> and
/// <see cref="AdvanceAsync"/>, which waits on the real clock unless a store on a fake clock overrides it.
/// </summary>
public abstract class RateLimitStoreConformanceTests
{
    private static readonly TimeSpan LongWindow = TimeSpan.FromMinutes(1);

    /// <summary>The host's factory: a store under test (a new one, or a shared one: every check uses fresh random keys).</summary>
    /// <returns>The store.</returns>
    protected abstract IRateLimitStore CreateStore();

    /// <summary>The window of the expiry checks. Default 1 second (a store on a fake clock may keep it).</summary>
    protected virtual TimeSpan ShortWindow => TimeSpan.FromSeconds(1);

    /// <summary>
    /// Lets at least <paramref name="time"/> pass for the store. Default: waits on the real clock (a store whose windows
    /// expire on the server, as Redis's <c>PEXPIRE</c>); override for a store on a fake <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="time">How much time must pass.</param>
    /// <returns>A task that completes when the time has passed.</returns>
    protected virtual Task AdvanceAsync(TimeSpan time) => Task.Delay(time + TimeSpan.FromMilliseconds(100));

    /// <summary>Check: <c>TryAcquireAsync</c>: the address's request budget admits exactly that many, then refuses with a wait within the window.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAcquireAsync_AddressRequestBudget_AdmitsThatManyThenRefuses()
    {
        var store = CreateStore();
        var limits = Limits(requestsPerAddress: 3);
        var address = Address();

        for (var i = 0; i < 3; i++)
        {
            StoreCheck.Null(await store.TryAcquireAsync(address, null, limits, CancellationToken.None));
        }

        Within(await store.TryAcquireAsync(address, null, limits, CancellationToken.None), LongWindow);
        StoreCheck.Null(await store.TryAcquireAsync(Address(), null, limits, CancellationToken.None));
    }

    /// <summary>Check: <c>TryAcquireAsync</c>: the client's request budget holds across addresses; other clients are independent.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAcquireAsync_ClientRequestBudget_HoldsAcrossAddresses()
    {
        var store = CreateStore();
        var limits = Limits(requestsPerClient: 2);
        var client = Client();

        StoreCheck.Null(await store.TryAcquireAsync(Address(), client, limits, CancellationToken.None));
        StoreCheck.Null(await store.TryAcquireAsync(Address(), client, limits, CancellationToken.None));

        Within(await store.TryAcquireAsync(Address(), client, limits, CancellationToken.None), LongWindow);
        StoreCheck.Null(await store.TryAcquireAsync(Address(), Client(), limits, CancellationToken.None));
    }

    /// <summary>Check: <c>TryAcquireAsync</c>: the address's request budget counts requests of every client from it.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAcquireAsync_AddressRequestBudget_CountsEveryClient()
    {
        var store = CreateStore();
        var limits = Limits(requestsPerAddress: 2);
        var address = Address();

        StoreCheck.Null(await store.TryAcquireAsync(address, Client(), limits, CancellationToken.None));
        StoreCheck.Null(await store.TryAcquireAsync(address, Client(), limits, CancellationToken.None));

        Within(await store.TryAcquireAsync(address, Client(), limits, CancellationToken.None), LongWindow);
    }

    /// <summary>Check: <c>RecordFailureAsync</c>: below the client's failure budget, the client is still admitted.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RecordFailureAsync_BelowClientFailureBudget_StillAdmitted()
    {
        var store = CreateStore();
        var limits = Limits(failuresPerClient: 3);
        var address = Address();
        var client = Client();

        for (var i = 0; i < 2; i++)
        {
            StoreCheck.Null(await store.TryAcquireAsync(address, client, limits, CancellationToken.None));
            await store.RecordFailureAsync(address, client, limits, CancellationToken.None);
        }

        StoreCheck.Null(await store.TryAcquireAsync(address, client, limits, CancellationToken.None));
    }

    /// <summary>Check: <c>RecordFailureAsync</c>: at the client's failure budget, the client is refused from every address; other clients are not.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RecordFailureAsync_ClientFailureBudgetSpent_ClientRefusedFromEveryAddress()
    {
        var store = CreateStore();
        var limits = Limits(failuresPerClient: 2);
        var client = Client();
        await store.RecordFailureAsync(Address(), client, limits, CancellationToken.None);
        await store.RecordFailureAsync(Address(), client, limits, CancellationToken.None);

        Within(await store.TryAcquireAsync(Address(), client, limits, CancellationToken.None), LongWindow);
        StoreCheck.Null(await store.TryAcquireAsync(Address(), Client(), limits, CancellationToken.None));
    }

    /// <summary>Check: <c>RecordFailureAsync</c>: at the address's failure budget, the address is refused for any client or none; other addresses are not.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RecordFailureAsync_AddressFailureBudgetSpent_AddressRefusedForEveryClient()
    {
        var store = CreateStore();
        var limits = Limits(failuresPerAddress: 2);
        var address = Address();
        await store.RecordFailureAsync(address, Client(), limits, CancellationToken.None);
        await store.RecordFailureAsync(address, null, limits, CancellationToken.None);

        Within(await store.TryAcquireAsync(address, Client(), limits, CancellationToken.None), LongWindow);
        Within(await store.TryAcquireAsync(address, null, limits, CancellationToken.None), LongWindow);
        StoreCheck.Null(await store.TryAcquireAsync(Address(), Client(), limits, CancellationToken.None));
    }

    /// <summary>Check: <c>TryAcquireAsync</c>: a request refused for spent failures does not spend the request budgets.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAcquireAsync_RefusedForFailures_SpendsNoRequestBudget()
    {
        var store = CreateStore();
        var limits = Limits(requestsPerAddress: 2, failuresPerClient: 1);
        var address = Address();
        var lockedOut = Client();
        await store.RecordFailureAsync(Address(), lockedOut, limits, CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            Within(await store.TryAcquireAsync(address, lockedOut, limits, CancellationToken.None), LongWindow);
        }

        StoreCheck.Null(await store.TryAcquireAsync(address, Client(), limits, CancellationToken.None));
        StoreCheck.Null(await store.TryAcquireAsync(address, Client(), limits, CancellationToken.None));
        Within(await store.TryAcquireAsync(address, Client(), limits, CancellationToken.None), LongWindow);
    }

    /// <summary>Check: <c>TryAcquireAsync</c>: fifty concurrent requests against a budget of ten, exactly ten are admitted.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAcquireAsync_FiftyConcurrentRequests_ExactlyTheBudgetAdmitted()
    {
        var store = CreateStore();
        var limits = Limits(requestsPerAddress: 10);
        var address = Address();

        var results = await SmartStoreSamples.Concurrently(50, () => store.TryAcquireAsync(address, Client(), limits, CancellationToken.None));

        StoreCheck.Equal(10, results.Count(wait => wait is null));
    }

    /// <summary>Check: <c>TryAcquireAsync</c>: an IPv6 address and a 128-character client id are counted like any other.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAcquireAsync_Ipv6AddressAndLongClientId_Counted()
    {
        var store = CreateStore();
        var limits = Limits(requestsPerClient: 1);
        var address = "2001:db8::" + Random.Shared.Next(1, 0xffff).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        var client = Client().PadRight(128, 'x');

        StoreCheck.Null(await store.TryAcquireAsync(address, client, limits, CancellationToken.None));

        Within(await store.TryAcquireAsync(address, client, limits, CancellationToken.None), LongWindow);
        StoreCheck.Null(await store.TryAcquireAsync(address, client[..127], limits, CancellationToken.None));
    }

    /// <summary>Check: <c>TryAcquireAsync</c>: after the window, the request budget is whole again.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TryAcquireAsync_AfterWindow_AdmittedAgain()
    {
        var store = CreateStore();
        var limits = Limits(requestsPerAddress: 1, window: ShortWindow);
        var address = Address();
        StoreCheck.Null(await store.TryAcquireAsync(address, null, limits, CancellationToken.None));
        var wait = Within(await store.TryAcquireAsync(address, null, limits, CancellationToken.None), ShortWindow);

        await AdvanceAsync(wait);

        StoreCheck.Null(await store.TryAcquireAsync(address, null, limits, CancellationToken.None));
    }

    /// <summary>Check: <c>RecordFailureAsync</c>: after the window, a locked-out client is admitted again.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RecordFailureAsync_AfterWindow_ClientAdmittedAgain()
    {
        var store = CreateStore();
        var limits = Limits(failuresPerClient: 1, window: ShortWindow);
        var address = Address();
        var client = Client();
        await store.RecordFailureAsync(address, client, limits, CancellationToken.None);
        var wait = Within(await store.TryAcquireAsync(address, client, limits, CancellationToken.None), ShortWindow);

        await AdvanceAsync(wait);

        StoreCheck.Null(await store.TryAcquireAsync(address, client, limits, CancellationToken.None));
    }

    private static SmartRateLimitOptions Limits(
        int requestsPerAddress = 1000,
        int requestsPerClient = 1000,
        int failuresPerAddress = 1000,
        int failuresPerClient = 1000,
        TimeSpan? window = null) => new()
        {
            Enabled = true,
            Window = window ?? LongWindow,
            RequestsPerAddress = requestsPerAddress,
            RequestsPerClient = requestsPerClient,
            FailedAuthenticationsPerAddress = failuresPerAddress,
            FailedAuthenticationsPerClient = failuresPerClient,
        };

    private static string Address() => "198.51.100." + Random.Shared.Next(1, 255).ToString(System.Globalization.CultureInfo.InvariantCulture) + "#" + SmartStoreSamples.Key();

    private static string Client() => "client-" + SmartStoreSamples.Key();

    /// <summary>A refusal: a wait more than zero and at most the window.</summary>
    private static TimeSpan Within(TimeSpan? wait, TimeSpan window)
    {
        StoreCheck.NotNull(wait);
        if (wait!.Value <= TimeSpan.Zero || wait.Value > window)
        {
            throw new SmartAssertionException($"Expected a wait more than zero and at most {window}, got {wait.Value}.");
        }

        return wait.Value;
    }
}
