using System.Text.Json;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Stores;
using StackExchange.Redis;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// Authorization codes in Redis. A code is one hash kept until its expiry plus the replay window; redeeming is one
/// Lua step, so exactly one of any number of concurrent redeemers, on any instance, wins (TOKEN-3).
/// </summary>
internal sealed class RedisAuthorizationCodeStore(RedisStoreRunner redis) : IAuthorizationCodeStore
{
    public async Task StoreAsync(string key, SmartAuthorizationCode code, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.SerializeToUtf8Bytes(code, SmartStoreJson.AuthorizationCode);
        var ttl = redis.TimeToLive(code.ExpiresAt + redis.Options.CodeReplayWindow);
        var stored = await redis.RunAsync(
            "code.store",
            db => db.ScriptEvaluateAsync(RedisScripts.StoreOnce, [redis.Key("code", key)], [value, (long)Math.Ceiling(ttl.TotalMilliseconds)]),
            cancellationToken).ConfigureAwait(false);
        if ((long)stored != 1)
        {
            throw new InvalidOperationException("An authorization code with this key already exists.");
        }
    }

    public async Task<SmartRedemption<SmartAuthorizationCode>> RedeemAsync(string key, CancellationToken cancellationToken)
    {
        var result = await redis.RunAsync(
            "code.redeem",
            db => db.ScriptEvaluateAsync(RedisScripts.Redeem, [redis.Key("code", key)]),
            cancellationToken).ConfigureAwait(false);
        if (result.IsNull)
        {
            return new SmartRedemption<SmartAuthorizationCode>(SmartRedemptionStatus.NotFound, null);
        }

        var parts = (RedisResult[])result!;
        var code = JsonSerializer.Deserialize((byte[])parts[1]!, SmartStoreJson.AuthorizationCode);
        var status = (long)parts[0] == 1 ? SmartRedemptionStatus.Redeemed : SmartRedemptionStatus.AlreadyRedeemed;
        return new SmartRedemption<SmartAuthorizationCode>(status, code);
    }
}
