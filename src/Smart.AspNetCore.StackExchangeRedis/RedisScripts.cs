namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// The Lua scripts of the single-use stores. Each touches one key (a hash with field <c>v</c>, the value, and
/// <c>r</c>, set once redeemed), so each is one atomic server-side step and works on Redis Cluster.
/// </summary>
internal static class RedisScripts
{
    /// <summary>Stores <c>ARGV[1]</c> with a time to live of <c>ARGV[2]</c> ms unless the key exists: returns 1, or 0.</summary>
    public const string StoreOnce = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    /// <summary>
    /// Redeems: nil when unknown; otherwise <c>{1, value}</c> for the one caller that redeemed it and <c>{0, value}</c>
    /// for every later caller (the key keeps its time to live).
    /// </summary>
    public const string Redeem = """
        local v = redis.call('HGET', KEYS[1], 'v')
        if not v then return false end
        return { redis.call('HSETNX', KEYS[1], 'r', '1'), v }
        """;
}
