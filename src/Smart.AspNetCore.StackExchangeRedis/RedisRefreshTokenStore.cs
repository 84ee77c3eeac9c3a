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
/// session, each kept as long as a token of that kind can live. Redeeming and finding read the revocation keys in
/// one pipelined round trip after the token, so a token stored while its family was being revoked is refused too.
/// </summary>
internal sealed class RedisRefreshTokenStore(RedisStoreRunner redis, IOptions<SmartOnFhirOptions> smartOptions) : IRefreshTokenStore
{
    public async Task StoreAsync(string key, SmartRefreshToken token, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.SerializeToUtf8Bytes(token, SmartStoreJson.RefreshToken);
        var ttl = redis.TimeToLive(token.ExpiresAt);
        var stored = await redis.RunAsync(
            "refresh.store",
            db => db.ScriptEvaluateAsync(RedisScripts.StoreOnce, [redis.Key("refresh", key)], [value, (long)Math.Ceiling(ttl.TotalMilliseconds)]),
            cancellationToken).ConfigureAwait(false);
        if ((long)stored != 1)
        {
            throw new InvalidOperationException("A refresh token with this key already exists.");
        }
    }

    public Task<SmartRedemption<SmartRefreshToken>> RedeemAsync(string key, CancellationToken cancellationToken) =>
        redis.RunAsync("refresh.redeem", async db =>
        {
            var result = await db.ScriptEvaluateAsync(RedisScripts.Redeem, [redis.Key("refresh", key)]).ConfigureAwait(false);
            if (result.IsNull)
            {
                return new SmartRedemption<SmartRefreshToken>(SmartRedemptionStatus.NotFound, null);
            }

            var parts = (RedisResult[])result!;
            var token = JsonSerializer.Deserialize((byte[])parts[1]!, SmartStoreJson.RefreshToken)!;
            if (await IsRevokedAsync(db, token).ConfigureAwait(false))
            {
                return new SmartRedemption<SmartRefreshToken>(SmartRedemptionStatus.Revoked, token);
            }

            var status = (long)parts[0] == 1 ? SmartRedemptionStatus.Redeemed : SmartRedemptionStatus.AlreadyRedeemed;
            return new SmartRedemption<SmartRefreshToken>(status, token);
        }, cancellationToken);

    public Task<SmartRefreshToken?> FindAsync(string key, CancellationToken cancellationToken) =>
        redis.RunAsync<SmartRefreshToken?>("refresh.find", async db =>
        {
            var fields = await db.HashGetAsync(redis.Key("refresh", key), ["v", "r"]).ConfigureAwait(false);
            if (fields[0].IsNull || !fields[1].IsNull)
            {
                return null;
            }

            var token = JsonSerializer.Deserialize((byte[])fields[0]!, SmartStoreJson.RefreshToken)!;
            return await IsRevokedAsync(db, token).ConfigureAwait(false) ? null : token;
        }, cancellationToken);

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
