using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Stores;
using StackExchange.Redis;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// Refresh tokens in Redis. A token is one hash (redeemed atomically by one Lua step, like codes); a revoked family is
/// one key tagged with the grant id (<c>{grantId}</c>), a revoked session one key named by the SHA-256 of subject and
/// session, each kept as long as a token of that kind can live. The token's hash names its revocation keys, so
/// redeeming or finding it and checking them is one Lua step (<see cref="RedisRefreshScripts"/>): one round trip per
/// store operation, and a token stored while its family was being revoked is refused too.
/// </summary>
internal sealed class RedisRefreshTokenStore(RedisStoreRunner redis, IOptions<SmartOnFhirOptions> smartOptions) : IRefreshTokenStore
{
    public async Task StoreAsync(string key, SmartRefreshToken token, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.SerializeToUtf8Bytes(token, SmartStoreJson.RefreshToken);
        var ttl = redis.TimeToLive(token.ExpiresAt);
        var grant = token.Grant;
        var online = token.IsOnlineAccess;
        RedisValue[] arguments =
        [
            value,
            (long)Math.Ceiling(ttl.TotalMilliseconds),
            (string)FamilyKey(grant.GrantId)!,
            online ? (string)SessionKey(grant.Subject, grant.SessionId)! : string.Empty,
            online ? (string)SessionKey(grant.Subject, null)! : string.Empty,
            grant.CreatedAt.ToUnixTimeMilliseconds(),
        ];
        var stored = await redis.RunAsync(
            "refresh.store",
            db => db.ScriptEvaluateAsync(RedisRefreshScripts.Store, [redis.Key("refresh", key)], arguments),
            cancellationToken).ConfigureAwait(false);
        if ((long)stored != 1)
        {
            throw new InvalidOperationException("A refresh token with this key already exists.");
        }
    }

    public Task<SmartRedemption<SmartRefreshToken>> RedeemAsync(string key, CancellationToken cancellationToken) =>
        redis.RunAsync("refresh.redeem", async db =>
        {
            if (await RedeemOrFindAsync(db, key, redeem: true).ConfigureAwait(false) is not { } found)
            {
                return new SmartRedemption<SmartRefreshToken>(SmartRedemptionStatus.NotFound, null);
            }

            var status = found.Revoked ? SmartRedemptionStatus.Revoked
                : found.First ? SmartRedemptionStatus.Redeemed
                : SmartRedemptionStatus.AlreadyRedeemed;
            return new SmartRedemption<SmartRefreshToken>(status, found.Token);
        }, cancellationToken);

    public Task<SmartRefreshToken?> FindAsync(string key, CancellationToken cancellationToken) =>
        redis.RunAsync<SmartRefreshToken?>("refresh.find", async db =>
            await RedeemOrFindAsync(db, key, redeem: false).ConfigureAwait(false) is { Revoked: false } found ? found.Token : null,
            cancellationToken);

    public Task RevokeGrantAsync(string grantId, CancellationToken cancellationToken) =>
        redis.RunAsync(
            "refresh.revoke-grant",
            db => db.StringSetAsync(FamilyKey(grantId), redis.Time.GetUtcNow().ToUnixTimeMilliseconds(), Retention()),
            cancellationToken);

    public Task RevokeOnlineAccessAsync(string subject, string? sessionId, CancellationToken cancellationToken) =>
        redis.RunAsync(
            "refresh.revoke-session",
            db => db.StringSetAsync(SessionKey(subject, sessionId), redis.Time.GetUtcNow().ToUnixTimeMilliseconds(), smartOptions.Value.Lifetimes.OnlineRefreshToken),
            cancellationToken);

    /// <summary>
    /// One script: the token (redeemed or only read) and, outside Redis Cluster, whether it was revoked. On a cluster
    /// (the revocation keys live in other slots) or for a token stored without its revocation keys, the revocation keys
    /// are read after, in one pipelined round trip.
    /// </summary>
    private async Task<(bool First, SmartRefreshToken Token, bool Revoked)?> RedeemOrFindAsync(IDatabase db, string key, bool redeem)
    {
        var checkInScript = !IsCluster(db.Multiplexer);
        var result = await db.ScriptEvaluateAsync(
            RedisRefreshScripts.RedeemOrFind,
            [redis.Key("refresh", key)],
            [redeem ? "1" : "0", checkInScript ? "1" : "0"]).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var parts = (RedisResult[])result!;
        var token = JsonSerializer.Deserialize((byte[])parts[1]!, SmartStoreJson.RefreshToken)!;
        var revoked = (long)parts[2] switch
        {
            0 => false,
            1 => true,
            _ => await IsRevokedAsync(db, token).ConfigureAwait(false),
        };
        return ((long)parts[0] == 1, token, revoked);
    }

    private static bool IsCluster(IConnectionMultiplexer multiplexer)
    {
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            if (multiplexer.GetServer(endpoint).ServerType == ServerType.Cluster)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> IsRevokedAsync(IDatabase db, SmartRefreshToken token)
    {
        var grant = token.Grant;
        var family = db.KeyExistsAsync(FamilyKey(grant.GrantId));
        if (!token.IsOnlineAccess)
        {
            return await family.ConfigureAwait(false);
        }

        // Sent together: one round trip. A session revocation ends the grants made before it (REFRESH-9).
        var session = db.StringGetAsync(SessionKey(grant.Subject, grant.SessionId));
        var allSessions = db.StringGetAsync(SessionKey(grant.Subject, null));
        var createdAt = grant.CreatedAt.ToUnixTimeMilliseconds();
        return await family.ConfigureAwait(false)
            || RevokedAfter(await session.ConfigureAwait(false), createdAt)
            || RevokedAfter(await allSessions.ConfigureAwait(false), createdAt);
    }

    private static bool RevokedAfter(RedisValue revokedAt, long createdAt) =>
        !revokedAt.IsNull && (long)revokedAt >= createdAt;

    private TimeSpan Retention()
    {
        var lifetimes = smartOptions.Value.Lifetimes;
        return lifetimes.OfflineRefreshToken > lifetimes.OnlineRefreshToken ? lifetimes.OfflineRefreshToken : lifetimes.OnlineRefreshToken;
    }

    private RedisKey FamilyKey(string grantId) => redis.Key("refresh-family", grantId);

    private RedisKey SessionKey(string subject, string? sessionId)
    {
        // Subjects can be patient ids: the key holds only a hash.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(subject + "\n" + (sessionId ?? "*")));
        return redis.Key("refresh-session", Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
    }
}
