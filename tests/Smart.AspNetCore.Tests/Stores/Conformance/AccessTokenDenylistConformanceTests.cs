using Smart.AspNetCore.Grants;

namespace Smart.AspNetCore.Tests.Stores.Conformance;

/// <summary>What every <see cref="IAccessTokenDenylist"/> must do (REVOKE-2, RS-4).</summary>
public abstract class AccessTokenDenylistConformanceTests
{
    protected abstract IAccessTokenDenylist CreateDenylist();

    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task IsRevokedAsync_AddedToken_IsTrue()
    {
        var denylist = CreateDenylist();
        var key = StoreSamples.Key();

        await denylist.AddAsync(key, Now.AddHours(1), CancellationToken.None);

        (await denylist.IsRevokedAsync(key, CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task IsRevokedAsync_OtherToken_IsFalse()
    {
        var denylist = CreateDenylist();
        await denylist.AddAsync(StoreSamples.Key(), Now.AddHours(1), CancellationToken.None);

        (await denylist.IsRevokedAsync(StoreSamples.Key(), CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task AddAsync_Twice_StaysRevoked()
    {
        var denylist = CreateDenylist();
        var key = StoreSamples.Key();

        await denylist.AddAsync(key, Now.AddHours(1), CancellationToken.None);
        await denylist.AddAsync(key, Now.AddHours(1), CancellationToken.None);

        (await denylist.IsRevokedAsync(key, CancellationToken.None)).Should().BeTrue();
    }
}
