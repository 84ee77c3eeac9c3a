using Microsoft.Extensions.Time.Testing;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;

namespace Smart.AspNetCore.Tests.Grants;

public class InMemoryStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private SmartAuthorizationCode Code(string grantId = "g1") => new()
    {
        Grant = new SmartGrant { GrantId = grantId, ClientId = "app", Subject = "u1", Scope = "openid" },
        RedirectUri = "https://app.example.org/cb",
        ExpiresAt = _time.GetUtcNow().AddSeconds(60),
    };

    [Fact]
    public async Task RedeemAsync_FiftyConcurrentRedemptions_ExactlyOneSucceeds()
    {
        var store = new InMemoryAuthorizationCodeStore(_time);
        await store.StoreAsync("k", Code(), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.RedeemAsync("k", CancellationToken.None))));

        results.Count(r => r.Status == SmartRedemptionStatus.Redeemed).Should().Be(1);
        results.Count(r => r.Status == SmartRedemptionStatus.AlreadyRedeemed).Should().Be(49);
        results.Should().OnlyContain(r => r.Value!.Grant.GrantId == "g1");
    }

    [Fact]
    public async Task RedeemAsync_UnknownCode_IsNotFound()
    {
        var store = new InMemoryAuthorizationCodeStore(_time);

        (await store.RedeemAsync("nope", CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.NotFound);
    }

    [Fact]
    public async Task ConsumeAsync_Launch_IsSingleUseUnderConcurrency()
    {
        var store = new InMemoryLaunchContextStore(_time);
        await store.StoreAsync("k", new SmartStoredLaunch { ClientId = "app", Subject = "u1", ExpiresAt = _time.GetUtcNow().AddMinutes(5) }, CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.ConsumeAsync("k", CancellationToken.None))));

        results.Count(r => r is not null).Should().Be(1);
    }

    [Fact]
    public async Task ConsumeAsync_OneSecondBeforeAndAtExpiry_BehavesAtTheBoundary()
    {
        var store = new InMemoryLaunchContextStore(_time);
        var expiresAt = _time.GetUtcNow().AddMinutes(5);
        await store.StoreAsync("a", new SmartStoredLaunch { ExpiresAt = expiresAt }, CancellationToken.None);
        await store.StoreAsync("b", new SmartStoredLaunch { ExpiresAt = expiresAt }, CancellationToken.None);

        _time.SetUtcNow(expiresAt.AddSeconds(-1));
        (await store.ConsumeAsync("a", CancellationToken.None)).Should().NotBeNull();

        _time.SetUtcNow(expiresAt);
        (await store.ConsumeAsync("b", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task RefreshTokens_RevokedGrant_AreRevokedIncludingTokensStoredAfterwards()
    {
        var store = new InMemoryRefreshTokenStore(_time);
        var grant = new SmartGrant { GrantId = "family", ClientId = "app", Subject = "u1" };
        await store.StoreAsync("t1", new SmartRefreshToken { Grant = grant, ExpiresAt = _time.GetUtcNow().AddDays(1) }, CancellationToken.None);

        await store.RevokeGrantAsync("family", CancellationToken.None);
        await store.StoreAsync("t2", new SmartRefreshToken { Grant = grant, ExpiresAt = _time.GetUtcNow().AddDays(1) }, CancellationToken.None);

        (await store.RedeemAsync("t1", CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Revoked);
        (await store.RedeemAsync("t2", CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Revoked);
    }

    [Fact]
    public async Task RefreshTokens_EndedSession_RevokesOnlineAccessOnly()
    {
        var store = new InMemoryRefreshTokenStore(_time);
        var grant = new SmartGrant { GrantId = "g", Subject = "u1", SessionId = "s1", CreatedAt = _time.GetUtcNow() };
        await store.StoreAsync("online", new SmartRefreshToken { Grant = grant, IsOnlineAccess = true, ExpiresAt = _time.GetUtcNow().AddHours(1) }, CancellationToken.None);
        await store.StoreAsync("offline", new SmartRefreshToken { Grant = grant, IsOnlineAccess = false, ExpiresAt = _time.GetUtcNow().AddHours(1) }, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(1));
        await store.RevokeOnlineAccessAsync("u1", null, CancellationToken.None);

        (await store.RedeemAsync("online", CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Revoked);
        (await store.RedeemAsync("offline", CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Redeemed);

        // A later login starts a new grant, which the old revocation does not touch (REFRESH-9).
        _time.Advance(TimeSpan.FromMinutes(1));
        var later = new SmartGrant { GrantId = "g2", Subject = "u1", SessionId = "s2", CreatedAt = _time.GetUtcNow() };
        await store.StoreAsync("online2", new SmartRefreshToken { Grant = later, IsOnlineAccess = true, ExpiresAt = _time.GetUtcNow().AddHours(1) }, CancellationToken.None);
        (await store.RedeemAsync("online2", CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Redeemed);
    }
}
