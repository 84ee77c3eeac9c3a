namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// The refresh token scripts: a token's hash also names its revocation keys (family, and for online access the session
/// and all-sessions keys with the grant's creation time), so redeeming or finding a token and checking whether its
/// family or session was revoked is one server-side step: one round trip per store operation. The revocation keys are
/// in other hash slots, so on Redis Cluster the store reads them in a second, pipelined round trip instead.
/// </summary>
internal static class RedisRefreshScripts
{
    /// <summary>
    /// Stores the token unless the key exists: <c>ARGV</c> = value, time to live (ms), family key, session key (empty
    /// when offline), all-sessions key, grant creation (Unix ms). Returns 1, or 0.
    /// </summary>
    public const string Store = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 'f', ARGV[3])
        if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 's', ARGV[4], 'a', ARGV[5], 'c', ARGV[6]) end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    /// <summary>
    /// Redeems (<c>ARGV[1]</c> = '1') or finds ('0') a token: nil when unknown (or, finding, already redeemed); otherwise
    /// <c>{first, value, revoked}</c>: <c>first</c> 1 for the one caller that redeemed it, <c>revoked</c> 1 when its
    /// family, or its session since the grant was made, was revoked, 0 when not, -1 when the token names no
    /// revocation keys (stored by an earlier version: the caller checks them itself).
    /// </summary>
    public const string RedeemOrFind = """
        local h = redis.call('HMGET', KEYS[1], 'v', 'r', 'f', 's', 'a', 'c')
        if not h[1] then return false end
        local first = 0
        if ARGV[1] == '1' then
          first = redis.call('HSETNX', KEYS[1], 'r', '1')
        elseif h[2] then
          return false
        end
        if ARGV[2] == '0' or not h[3] then return { first, h[1], -1 } end
        if redis.call('EXISTS', h[3]) == 1 then return { first, h[1], 1 } end
        if h[4] then
          local created = tonumber(h[6])
          local session = redis.call('GET', h[4])
          if session and tonumber(session) >= created then return { first, h[1], 1 } end
          local all = redis.call('GET', h[5])
          if all and tonumber(all) >= created then return { first, h[1], 1 } end
        end
        return { first, h[1], 0 }
        """;
}
