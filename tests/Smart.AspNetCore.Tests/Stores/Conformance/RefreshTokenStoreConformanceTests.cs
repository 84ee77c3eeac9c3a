using Smart.AspNetCore.Grants;

namespace Smart.AspNetCore.Tests.Stores.Conformance;

/// <summary>What every <see cref="IRefreshTokenStore"/> must do (REFRESH-2, REFRESH-7 rotation and reuse, REFRESH-9 sessions).</summary>
public abstract class RefreshTokenStoreConformanceTests
{
    protected abstract IRefreshTokenStore CreateStore();

    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static string NewGrantId() => "grant-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task RedeemAsync_StoredToken_IsRedeemedWithEveryProperty()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        var token = StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId());
        await store.StoreAsync(key, token, CancellationToken.None);

        var redemption = await store.RedeemAsync(key, CancellationToken.None);

        redemption.Status.Should().Be(SmartRedemptionStatus.Redeemed);
        redemption.Value.Should().BeEquivalentTo(token);
    }

    [Fact]
    public async Task RedeemAsync_Again_IsAlreadyRedeemed()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);
        await store.RedeemAsync(key, CancellationToken.None);

        (await store.RedeemAsync(key, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.AlreadyRedeemed);
    }

    [Fact]
    public async Task RedeemAsync_FiftyConcurrentCallers_ExactlyOneRedeems()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);

        var results = await StoreSamples.Concurrently(50, () => store.RedeemAsync(key, CancellationToken.None));

        results.Count(r => r.Status == SmartRedemptionStatus.Redeemed).Should().Be(1);
        results.Count(r => r.Status == SmartRedemptionStatus.AlreadyRedeemed).Should().Be(49);
    }

    [Fact]
    public async Task RedeemAsync_UnknownKey_IsNotFound()
    {
        (await CreateStore().RedeemAsync(StoreSamples.Key(), CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.NotFound);
    }

    [Fact]
    public async Task RevokeGrantAsync_EveryTokenOfTheFamily_IsRevoked()
    {
        var store = CreateStore();
        var grantId = NewGrantId();
        var used = StoreSamples.Key();
        var unused = StoreSamples.Key();
        await store.StoreAsync(used, StoreSamples.RefreshToken(Now.AddHours(1), grantId, online: false), CancellationToken.None);
        await store.StoreAsync(unused, StoreSamples.RefreshToken(Now.AddHours(1), grantId, online: false), CancellationToken.None);
        await store.RedeemAsync(used, CancellationToken.None);

        await store.RevokeGrantAsync(grantId, CancellationToken.None);

        (await store.RedeemAsync(unused, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Revoked);
        (await store.RedeemAsync(used, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Revoked);
        (await store.FindAsync(unused, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task RevokeGrantAsync_TokenStoredAfterwards_IsRevoked()
    {
        var store = CreateStore();
        var grantId = NewGrantId();
        await store.RevokeGrantAsync(grantId, CancellationToken.None);
        var late = StoreSamples.Key();

        // A refresh racing the reuse detection stores its rotated token after the revocation.
        await store.StoreAsync(late, StoreSamples.RefreshToken(Now.AddHours(1), grantId), CancellationToken.None);

        (await store.RedeemAsync(late, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Revoked);
    }

    [Fact]
    public async Task RevokeGrantAsync_OtherFamily_IsUnaffected()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);

        await store.RevokeGrantAsync(NewGrantId(), CancellationToken.None);

        (await store.RedeemAsync(key, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Redeemed);
    }

    [Fact]
    public async Task RevokeOnlineAccessAsync_Session_RevokesOnlineTokensOnly()
    {
        var store = CreateStore();
        var created = Now.AddMinutes(-1);
        var subject = "user-" + Guid.NewGuid().ToString("N");
        var online = StoreSamples.Key();
        var offline = StoreSamples.Key();
        var onlineToken = StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId(), online: true, createdAt: created);
        onlineToken.Grant.Subject = subject;
        var offlineToken = StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId(), online: false, createdAt: created);
        offlineToken.Grant.Subject = subject;
        await store.StoreAsync(online, onlineToken, CancellationToken.None);
        await store.StoreAsync(offline, offlineToken, CancellationToken.None);

        await store.RevokeOnlineAccessAsync(subject, "session-1", CancellationToken.None);

        (await store.RedeemAsync(online, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Revoked);
        (await store.RedeemAsync(offline, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Redeemed);
    }

    [Fact]
    public async Task RevokeOnlineAccessAsync_AllSessions_RevokesEverySessionOfTheUser()
    {
        var store = CreateStore();
        var subject = "user-" + Guid.NewGuid().ToString("N");
        var key = StoreSamples.Key();
        var token = StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId(), online: true, createdAt: Now.AddMinutes(-1));
        token.Grant.Subject = subject;
        token.Grant.SessionId = "another-session";
        await store.StoreAsync(key, token, CancellationToken.None);

        await store.RevokeOnlineAccessAsync(subject, null, CancellationToken.None);

        (await store.RedeemAsync(key, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Revoked);
    }

    [Fact]
    public async Task RevokeOnlineAccessAsync_GrantMadeAfterwards_IsNotRevoked()
    {
        var store = CreateStore();
        var subject = "user-" + Guid.NewGuid().ToString("N");
        await store.RevokeOnlineAccessAsync(subject, "session-1", CancellationToken.None);
        var key = StoreSamples.Key();
        var token = StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId(), online: true, createdAt: Now.AddSeconds(1));
        token.Grant.Subject = subject;
        await store.StoreAsync(key, token, CancellationToken.None);

        (await store.RedeemAsync(key, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Redeemed);
    }

    [Fact]
    public async Task FindAsync_StoredUnusedToken_ReturnsItWithoutRedeeming()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        var token = StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId());
        await store.StoreAsync(key, token, CancellationToken.None);

        (await store.FindAsync(key, CancellationToken.None)).Should().BeEquivalentTo(token);
        (await store.RedeemAsync(key, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Redeemed);
    }

    [Fact]
    public async Task FindAsync_RedeemedOrUnknownToken_IsNull()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);
        await store.RedeemAsync(key, CancellationToken.None);

        (await store.FindAsync(key, CancellationToken.None)).Should().BeNull();
        (await store.FindAsync(StoreSamples.Key(), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task StoreAsync_ExistingKey_Throws()
    {
        var store = CreateStore();
        var key = StoreSamples.Key();
        await store.StoreAsync(key, StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);

        var again = () => store.StoreAsync(key, StoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);

        await again.Should().ThrowAsync<InvalidOperationException>();
    }
}
