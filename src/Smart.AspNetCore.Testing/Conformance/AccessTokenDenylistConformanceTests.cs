using Smart.AspNetCore.Grants;
using Xunit;

namespace Smart.AspNetCore.Testing.Conformance;

/// <summary>
/// The store conformance kit: what every <see cref="IAccessTokenDenylist"/> must do (REVOKE-2, RS-4).
/// Derive one class per store, implement the factory, and run the checks with xUnit v2 (they are <c>[Fact]</c>s); with
/// another framework, call the public check methods from its own tests. Failures throw <see cref="SmartAssertionException"/>.
/// </summary>
public abstract class AccessTokenDenylistConformanceTests
{
    /// <summary>The host's factory: a store under test (a new one, or a shared one: every check uses fresh random keys).</summary>
    /// <returns>The store.</returns>
    protected abstract IAccessTokenDenylist CreateDenylist();

    /// <summary>The current time as the store sees it (the real clock by default; override for a store on another clock).</summary>
    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Check: <c>IsRevokedAsync</c>: added token, is true.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task IsRevokedAsync_AddedToken_IsTrue()
    {
        var denylist = CreateDenylist();
        var key = SmartStoreSamples.Key();

        await denylist.AddAsync(key, Now.AddHours(1), CancellationToken.None);

        StoreCheck.True((await denylist.IsRevokedAsync(key, CancellationToken.None)));
    }

    /// <summary>Check: <c>IsRevokedAsync</c>: other token, is false.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task IsRevokedAsync_OtherToken_IsFalse()
    {
        var denylist = CreateDenylist();
        await denylist.AddAsync(SmartStoreSamples.Key(), Now.AddHours(1), CancellationToken.None);

        StoreCheck.False((await denylist.IsRevokedAsync(SmartStoreSamples.Key(), CancellationToken.None)));
    }

    /// <summary>Check: <c>AddAsync</c>: twice, stays revoked.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task AddAsync_Twice_StaysRevoked()
    {
        var denylist = CreateDenylist();
        var key = SmartStoreSamples.Key();

        await denylist.AddAsync(key, Now.AddHours(1), CancellationToken.None);
        await denylist.AddAsync(key, Now.AddHours(1), CancellationToken.None);

        StoreCheck.True((await denylist.IsRevokedAsync(key, CancellationToken.None)));
    }
}
