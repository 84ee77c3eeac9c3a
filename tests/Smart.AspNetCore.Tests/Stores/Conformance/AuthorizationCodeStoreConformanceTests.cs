using Smart.AspNetCore.Grants;

namespace Smart.AspNetCore.Tests.Stores.Conformance;

/// <summary>What every <see cref="IAuthorizationCodeStore"/> must do (AUTHZ-10, TOKEN-3: single use, replay recognised).</summary>
public abstract class AuthorizationCodeStoreConformanceTests
{
    protected abstract IAuthorizationCodeStore CreateStore();

    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task RedeemAsync_StoredCode_IsRedeemedWithEveryProperty()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        var code = StoreSamples.Code(Now.AddSeconds(60));
        await store.StoreAsync(key, code, CancellationToken.None);

        var redemption = await store.RedeemAsync(key, CancellationToken.None);

        redemption.Status.Should().Be(SmartRedemptionStatus.Redeemed);
        redemption.Value.Should().BeEquivalentTo(code);
    }

    [Fact]
    public async Task RedeemAsync_Again_IsAlreadyRedeemedWithTheCode()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.Code(Now.AddSeconds(60), "grant-replayed"), CancellationToken.None);
        await store.RedeemAsync(key, CancellationToken.None);

        var replay = await store.RedeemAsync(key, CancellationToken.None);

        replay.Status.Should().Be(SmartRedemptionStatus.AlreadyRedeemed);
        replay.Value!.Grant.GrantId.Should().Be("grant-replayed");
    }

    [Fact]
    public async Task RedeemAsync_FiftyConcurrentCallers_ExactlyOneRedeems()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.Code(Now.AddSeconds(60)), CancellationToken.None);

        var results = await StoreSamples.Concurrently(50, () => store.RedeemAsync(key, CancellationToken.None));

        results.Count(r => r.Status == SmartRedemptionStatus.Redeemed).Should().Be(1);
        results.Count(r => r.Status == SmartRedemptionStatus.AlreadyRedeemed).Should().Be(49);
    }

    [Fact]
    public async Task RedeemAsync_UnknownKey_IsNotFound()
    {
        var redemption = await CreateStore().RedeemAsync(StoreSamples.Key(), CancellationToken.None);

        redemption.Status.Should().Be(SmartRedemptionStatus.NotFound);
        redemption.Value.Should().BeNull();
    }

    [Fact]
    public async Task RedeemAsync_AfterExpiry_IsNotFoundOrCarriesTheExpiry()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        var expiresAt = Now.AddMilliseconds(200);
        await store.StoreAsync(key, StoreSamples.Code(expiresAt), CancellationToken.None);
        await Task.Delay(400);

        var redemption = await store.RedeemAsync(key, CancellationToken.None);

        // The contract lets a store report an expired code as NotFound or return it for the caller's expiry check.
        if (redemption.Status != SmartRedemptionStatus.NotFound)
        {
            redemption.Value!.ExpiresAt.Should().Be(expiresAt);
        }
    }

    [Fact]
    public async Task StoreAsync_ExistingKey_Throws()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.Code(Now.AddSeconds(60)), CancellationToken.None);

        var again = () => store.StoreAsync(key, StoreSamples.Code(Now.AddSeconds(60)), CancellationToken.None);

        await again.Should().ThrowAsync<InvalidOperationException>();
    }
}
