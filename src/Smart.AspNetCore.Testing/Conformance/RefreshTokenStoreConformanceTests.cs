using Smart.AspNetCore.Grants;
using Xunit;

namespace Smart.AspNetCore.Testing.Conformance;

/// <summary>
/// The store conformance kit: what every <see cref="IRefreshTokenStore"/> must do (REFRESH-2, REFRESH-7 rotation and reuse, REFRESH-9 sessions).
/// Derive one class per store, implement the factory, and run the checks with xUnit v2 (they are <c>[Fact]</c>s); with
/// another framework, call the public check methods from its own tests. Failures throw <see cref="SmartAssertionException"/>.
/// </summary>
public abstract class RefreshTokenStoreConformanceTests
{
    /// <summary>The host's factory: a store under test (a new one, or a shared one: every check uses fresh random keys).</summary>
    /// <returns>The store.</returns>
    protected abstract IRefreshTokenStore CreateStore();

    /// <summary>The current time as the store sees it (the real clock by default; override for a store on another clock).</summary>
    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static string NewGrantId() => "grant-" + Guid.NewGuid().ToString("N");

    /// <summary>Check: <c>RedeemAsync</c>: stored token, is redeemed with every property.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RedeemAsync_StoredToken_IsRedeemedWithEveryProperty()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        var token = SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId());
        await store.StoreAsync(key, token, CancellationToken.None);

        var redemption = await store.RedeemAsync(key, CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.Redeemed, redemption.Status);
        StoreCheck.Equivalent(token, redemption.Value);
    }

    /// <summary>Check: <c>RedeemAsync</c>: again, is already redeemed.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RedeemAsync_Again_IsAlreadyRedeemed()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);
        await store.RedeemAsync(key, CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.AlreadyRedeemed, (await store.RedeemAsync(key, CancellationToken.None)).Status);
    }

    /// <summary>Check: <c>RedeemAsync</c>: fifty concurrent callers, exactly one redeems.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RedeemAsync_FiftyConcurrentCallers_ExactlyOneRedeems()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);

        var results = await SmartStoreSamples.Concurrently(50, () => store.RedeemAsync(key, CancellationToken.None));

        StoreCheck.Equal(1, results.Count(r => r.Status == SmartRedemptionStatus.Redeemed));
        StoreCheck.Equal(49, results.Count(r => r.Status == SmartRedemptionStatus.AlreadyRedeemed));
    }

    /// <summary>Check: <c>RedeemAsync</c>: unknown key, is not found.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RedeemAsync_UnknownKey_IsNotFound()
    {
        StoreCheck.Equal(SmartRedemptionStatus.NotFound, (await CreateStore().RedeemAsync(SmartStoreSamples.Key(), CancellationToken.None)).Status);
    }

    /// <summary>Check: <c>RevokeGrantAsync</c>: every token of the family, is revoked.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RevokeGrantAsync_EveryTokenOfTheFamily_IsRevoked()
    {
        var store = CreateStore();
        var grantId = NewGrantId();
        var used = SmartStoreSamples.Key();
        var unused = SmartStoreSamples.Key();
        await store.StoreAsync(used, SmartStoreSamples.RefreshToken(Now.AddHours(1), grantId, online: false), CancellationToken.None);
        await store.StoreAsync(unused, SmartStoreSamples.RefreshToken(Now.AddHours(1), grantId, online: false), CancellationToken.None);
        await store.RedeemAsync(used, CancellationToken.None);

        await store.RevokeGrantAsync(grantId, CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.Revoked, (await store.RedeemAsync(unused, CancellationToken.None)).Status);
        StoreCheck.Equal(SmartRedemptionStatus.Revoked, (await store.RedeemAsync(used, CancellationToken.None)).Status);
        StoreCheck.Null((await store.FindAsync(unused, CancellationToken.None)));
    }

    /// <summary>Check: <c>RevokeGrantAsync</c>: token stored afterwards, is revoked.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RevokeGrantAsync_TokenStoredAfterwards_IsRevoked()
    {
        var store = CreateStore();
        var grantId = NewGrantId();
        await store.RevokeGrantAsync(grantId, CancellationToken.None);
        var late = SmartStoreSamples.Key();

        // A refresh racing the reuse detection stores its rotated token after the revocation.
        await store.StoreAsync(late, SmartStoreSamples.RefreshToken(Now.AddHours(1), grantId), CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.Revoked, (await store.RedeemAsync(late, CancellationToken.None)).Status);
    }

    /// <summary>Check: <c>RevokeGrantAsync</c>: other family, is unaffected.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RevokeGrantAsync_OtherFamily_IsUnaffected()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);

        await store.RevokeGrantAsync(NewGrantId(), CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.Redeemed, (await store.RedeemAsync(key, CancellationToken.None)).Status);
    }

    /// <summary>Check: <c>RevokeOnlineAccessAsync</c>: session, revokes online tokens only.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RevokeOnlineAccessAsync_Session_RevokesOnlineTokensOnly()
    {
        var store = CreateStore();
        var created = Now.AddMinutes(-1);
        var subject = "user-" + Guid.NewGuid().ToString("N");
        var online = SmartStoreSamples.Key();
        var offline = SmartStoreSamples.Key();
        var onlineToken = SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId(), online: true, createdAt: created);
        onlineToken.Grant.Subject = subject;
        var offlineToken = SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId(), online: false, createdAt: created);
        offlineToken.Grant.Subject = subject;
        await store.StoreAsync(online, onlineToken, CancellationToken.None);
        await store.StoreAsync(offline, offlineToken, CancellationToken.None);

        await store.RevokeOnlineAccessAsync(subject, "session-1", CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.Revoked, (await store.RedeemAsync(online, CancellationToken.None)).Status);
        StoreCheck.Equal(SmartRedemptionStatus.Redeemed, (await store.RedeemAsync(offline, CancellationToken.None)).Status);
    }

    /// <summary>Check: <c>RevokeOnlineAccessAsync</c>: all sessions, revokes every session of the user.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RevokeOnlineAccessAsync_AllSessions_RevokesEverySessionOfTheUser()
    {
        var store = CreateStore();
        var subject = "user-" + Guid.NewGuid().ToString("N");
        var key = SmartStoreSamples.Key();
        var token = SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId(), online: true, createdAt: Now.AddMinutes(-1));
        token.Grant.Subject = subject;
        token.Grant.SessionId = "another-session";
        await store.StoreAsync(key, token, CancellationToken.None);

        await store.RevokeOnlineAccessAsync(subject, null, CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.Revoked, (await store.RedeemAsync(key, CancellationToken.None)).Status);
    }

    /// <summary>Check: <c>RevokeOnlineAccessAsync</c>: grant made afterwards, is not revoked.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RevokeOnlineAccessAsync_GrantMadeAfterwards_IsNotRevoked()
    {
        var store = CreateStore();
        var subject = "user-" + Guid.NewGuid().ToString("N");
        await store.RevokeOnlineAccessAsync(subject, "session-1", CancellationToken.None);
        var key = SmartStoreSamples.Key();
        var token = SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId(), online: true, createdAt: Now.AddSeconds(1));
        token.Grant.Subject = subject;
        await store.StoreAsync(key, token, CancellationToken.None);

        StoreCheck.Equal(SmartRedemptionStatus.Redeemed, (await store.RedeemAsync(key, CancellationToken.None)).Status);
    }

    /// <summary>Check: <c>FindAsync</c>: stored unused token, returns it without redeeming.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task FindAsync_StoredUnusedToken_ReturnsItWithoutRedeeming()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        var token = SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId());
        await store.StoreAsync(key, token, CancellationToken.None);

        StoreCheck.Equivalent(token, (await store.FindAsync(key, CancellationToken.None)));
        StoreCheck.Equal(SmartRedemptionStatus.Redeemed, (await store.RedeemAsync(key, CancellationToken.None)).Status);
    }

    /// <summary>Check: <c>FindAsync</c>: redeemed or unknown token, is null.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task FindAsync_RedeemedOrUnknownToken_IsNull()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);
        await store.RedeemAsync(key, CancellationToken.None);

        StoreCheck.Null((await store.FindAsync(key, CancellationToken.None)));
        StoreCheck.Null((await store.FindAsync(SmartStoreSamples.Key(), CancellationToken.None)));
    }

    /// <summary>Check: <c>StoreAsync</c>: existing key, throws.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task StoreAsync_ExistingKey_Throws()
    {
        var store = CreateStore();
        var key = SmartStoreSamples.Key();
        await store.StoreAsync(key, SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);

        var again = () => store.StoreAsync(key, SmartStoreSamples.RefreshToken(Now.AddHours(1), NewGrantId()), CancellationToken.None);

        await StoreCheck.ThrowsAsync<InvalidOperationException>(again);
    }
}
