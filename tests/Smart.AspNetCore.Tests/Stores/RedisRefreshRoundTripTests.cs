using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Stores;
using Smart.AspNetCore.Testing;
using Smart.AspNetCore.Tests.Stores.Conformance;
using StackExchange.Redis;

namespace Smart.AspNetCore.Tests.Stores;

/// <summary>
/// Issue 9 cost: redeeming or finding a Redis refresh token, revocation checks included, is one command to the server
/// (one round trip per store operation), counted in the server's own slow log (every command logged, the store's
/// connection told apart by its client name), after a warm-up: the first use of a script on a connection also sends a
/// <c>SCRIPT LOAD</c> (once, not awaited), later ones one <c>EVALSHA</c>. Its own redis-server, because the slow log
/// is server-wide.
/// </summary>
public sealed class RedisRefreshRoundTripTests : IAsyncLifetime
{
    private const string Prefix = "roundtrip:";

    private readonly RedisServer _server = new();
    private readonly ServiceProvider _services;
    private readonly RedisCommandLog _log;

    public RedisRefreshRoundTripTests()
    {
        _services = StoreServices.Redis(_server, o =>
        {
            o.Configuration = _server.Configuration + ",name=" + RedisCommandLog.StoreClientName;
            o.KeyPrefix = Prefix;
        });
        _log = new RedisCommandLog(_server);
    }

    private IRefreshTokenStore Store => _services.GetRequiredService<IRefreshTokenStore>();

    [Theory] // REFRESH-7, REFRESH-9: offline and online (session-bound) tokens alike.
    [InlineData(false)]
    [InlineData(true)]
    public async Task RedeemAsync_WithRevocationChecks_IsOneCommand(bool online)
    {
        var key = StoreSamples.Key();
        await Store.StoreAsync(key, StoreSamples.RefreshToken(DateTimeOffset.UtcNow.AddHours(1), NewGrantId(), online), CancellationToken.None);

        var (redemption, commands) = await _log.CountAsync(() => Store.RedeemAsync(key, CancellationToken.None));

        redemption.Status.Should().Be(SmartRedemptionStatus.Redeemed);
        commands.Should().ContainSingle().Which.Should().Be("EVALSHA");
    }

    [Fact] // REFRESH-7: a revoked family is seen by the same single command.
    public async Task RedeemAsync_RevokedFamily_IsRevokedInOneCommand()
    {
        var key = StoreSamples.Key();
        var grantId = NewGrantId();
        await Store.StoreAsync(key, StoreSamples.RefreshToken(DateTimeOffset.UtcNow.AddHours(1), grantId), CancellationToken.None);
        await Store.RevokeGrantAsync(grantId, CancellationToken.None);

        var (redemption, commands) = await _log.CountAsync(() => Store.RedeemAsync(key, CancellationToken.None));

        redemption.Status.Should().Be(SmartRedemptionStatus.Revoked);
        commands.Should().ContainSingle();
    }

    [Fact] // REFRESH-9: a session revocation after the grant was made, seen by the same single command.
    public async Task RedeemAsync_RevokedSession_IsRevokedInOneCommand()
    {
        var key = StoreSamples.Key();
        var token = StoreSamples.RefreshToken(DateTimeOffset.UtcNow.AddHours(1), NewGrantId(), online: true, createdAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        await Store.StoreAsync(key, token, CancellationToken.None);
        await Store.RevokeOnlineAccessAsync(token.Grant.Subject, token.Grant.SessionId, CancellationToken.None);

        var (redemption, commands) = await _log.CountAsync(() => Store.RedeemAsync(key, CancellationToken.None));

        redemption.Status.Should().Be(SmartRedemptionStatus.Revoked);
        commands.Should().ContainSingle();
    }

    [Fact]
    public async Task FindAsync_IsOneCommand()
    {
        var key = StoreSamples.Key();
        await Store.StoreAsync(key, StoreSamples.RefreshToken(DateTimeOffset.UtcNow.AddHours(1), NewGrantId()), CancellationToken.None);

        var (found, commands) = await _log.CountAsync(() => Store.FindAsync(key, CancellationToken.None));

        found.Should().NotBeNull();
        commands.Should().ContainSingle();
    }

    [Fact] // A token stored before its hash named its revocation keys is still checked (in a second round trip).
    public async Task RedeemAsync_TokenWithoutRevocationKeys_StillSeesTheRevokedFamily()
    {
        var key = StoreSamples.Key();
        var grantId = NewGrantId();
        var value = JsonSerializer.SerializeToUtf8Bytes(StoreSamples.RefreshToken(DateTimeOffset.UtcNow.AddHours(1), grantId, online: false), SmartStoreJson.RefreshToken);
        await _log.Admin.GetDatabase().HashSetAsync(Prefix + "refresh:{" + key + "}", "v", value);
        await Store.RevokeGrantAsync(grantId, CancellationToken.None);

        (await Store.RedeemAsync(key, CancellationToken.None)).Status.Should().Be(SmartRedemptionStatus.Revoked);
    }

    public async Task InitializeAsync()
    {
        // Warm-up: each script once on the store's connection.
        var key = StoreSamples.Key();
        await Store.StoreAsync(key, StoreSamples.RefreshToken(DateTimeOffset.UtcNow.AddHours(1), NewGrantId()), CancellationToken.None);
        await Store.FindAsync(key, CancellationToken.None);
        await Store.RedeemAsync(key, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        await _services.DisposeAsync();
        _server.Dispose();
    }

    private static string NewGrantId() => "grant-" + Guid.NewGuid().ToString("N");
}
