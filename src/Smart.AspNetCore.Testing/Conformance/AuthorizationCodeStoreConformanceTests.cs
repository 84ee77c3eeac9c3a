using Smart.AspNetCore.Grants;
using Xunit;

namespace Smart.AspNetCore.Testing.Conformance;

/// <summary>
/// The store conformance kit: what every <see cref="IAuthorizationCodeStore"/> must do (AUTHZ-10, TOKEN-3: single use, replay recognised).
/// Derive one class per store, implement the factory, and run the checks with xUnit v2 (they are <c>[Fact]</c>s); with
/// another framework, call the public check methods from its own tests. Failures throw <see cref="SmartAssertionException"/>.
/// </summary>
public abstract class AuthorizationCodeStoreConformanceTests
{
    /// <summary>The host's factory: a store under test (a new one, or a shared one: every check uses fresh random keys).</summary>
    /// <returns>The store.</returns>
    protected abstract IAuthorizationCodeStore CreateStore();

    /// <summary>The current time as the store sees it (the real clock by default; override for a store on another clock).</summary>
    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Check: <c>RedeemAsync</c>: stored code, is redeemed with every property.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RedeemAsync_StoredCode_IsRedeemedWithEveryProperty()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        var code = SmartStoreSamples.Code(Now.AddSeconds(60));
        await store.StoreAsync(key, code, CancellationToken.None);

        var redemption = await store.RedeemAsync(key, CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.Redeemed, redemption.Status);
        StoreCheck.Equivalent(code, redemption.Value);
    }

    /// <summary>Check: <c>RedeemAsync</c>: again, is already redeemed with the code.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RedeemAsync_Again_IsAlreadyRedeemedWithTheCode()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.Code(Now.AddSeconds(60), "grant-replayed"), CancellationToken.None);
        await store.RedeemAsync(key, CancellationToken.None);

        var replay = await store.RedeemAsync(key, CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.AlreadyRedeemed, replay.Status);
        StoreCheck.Equal("grant-replayed", replay.Value!.Grant.GrantId);
    }

    /// <summary>Check: <c>RedeemAsync</c>: fifty concurrent callers, exactly one redeems.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RedeemAsync_FiftyConcurrentCallers_ExactlyOneRedeems()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.Code(Now.AddSeconds(60)), CancellationToken.None);

        var results = await SmartStoreSamples.Concurrently(50, () => store.RedeemAsync(key, CancellationToken.None));

        StoreCheck.Equal(1, results.Count(r => r.Status == SmartRedemptionStatus.Redeemed));
        StoreCheck.Equal(49, results.Count(r => r.Status == SmartRedemptionStatus.AlreadyRedeemed));
    }

    /// <summary>Check: <c>RedeemAsync</c>: unknown key, is not found.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RedeemAsync_UnknownKey_IsNotFound()
    {
        var redemption = await CreateStore().RedeemAsync(SmartStoreSamples.Key(), CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.NotFound, redemption.Status);
        StoreCheck.Null(redemption.Value);
    }

    /// <summary>Check: <c>RedeemAsync</c>: after expiry, is not found or carries the expiry.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RedeemAsync_AfterExpiry_IsNotFoundOrCarriesTheExpiry()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        var expiresAt = Now.AddMilliseconds(200);
        await store.StoreAsync(key, SmartStoreSamples.Code(expiresAt), CancellationToken.None);
        await Task.Delay(400);

        var redemption = await store.RedeemAsync(key, CancellationToken.None);

        // The contract lets a store report an expired code as NotFound or return it for the caller's expiry check.
        if (redemption.Status != SmartRedemptionStatus.NotFound)
        {
            StoreCheck.Equal(expiresAt, redemption.Value!.ExpiresAt);
        }
    }

    /// <summary>Check: <c>StoreAsync</c>: existing key, throws.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task StoreAsync_ExistingKey_Throws()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.Code(Now.AddSeconds(60)), CancellationToken.None);

        var again = () => store.StoreAsync(key, SmartStoreSamples.Code(Now.AddSeconds(60)), CancellationToken.None);

        await StoreCheck.ThrowsAsync<InvalidOperationException>(again);
    }
}
