namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// The Lua scripts of <see cref="RedisRateLimitStore"/>: fixed-window counters (a string key per budget, <c>INCR</c>,
/// <c>PEXPIRE</c> when the key is new). StackExchange.Redis sends them with <c>EVALSHA</c> once the server knows them.
/// </summary>
internal static class RedisRateLimitScripts
{
    /// <summary>
    /// Admits a request. <c>KEYS</c>: address failures, address requests, then (when the request names a client) client
    /// failures, client requests. <c>ARGV</c>: window in ms, failures per address, requests per address, failures per
    /// client, requests per client. Refuses without counting when a failure counter is at its budget; otherwise counts the
    /// address's request and, when that is within budget, the client's. Returns 0 (admitted) or the milliseconds until the
    /// refusing window ends (at least 1, at most the window).
    /// </summary>
    public const string Acquire = """
        local window = tonumber(ARGV[1])
        local function wait(key)
          local ttl = redis.call('PTTL', key)
          if ttl > 0 then return ttl end
          redis.call('PEXPIRE', key, window)
          return window
        end
        local function exhausted(key, limit)
          if tonumber(redis.call('GET', key) or '0') >= limit then return wait(key) end
          return 0
        end
        local function spend(key, limit)
          local n = redis.call('INCR', key)
          if n == 1 then redis.call('PEXPIRE', key, window) end
          if n > limit then return wait(key) end
          return 0
        end
        local clients = #KEYS > 2
        local w = exhausted(KEYS[1], tonumber(ARGV[2]))
        if w > 0 then return w end
        if clients then
          w = exhausted(KEYS[3], tonumber(ARGV[4]))
          if w > 0 then return w end
        end
        w = spend(KEYS[2], tonumber(ARGV[3]))
        if w > 0 or not clients then return w end
        return spend(KEYS[4], tonumber(ARGV[5]))
        """;

    /// <summary>Counts one failed authentication in each of <c>KEYS</c> (<c>ARGV[1]</c>: the window in ms). Returns 0.</summary>
    public const string RecordFailure = """
        for _, key in ipairs(KEYS) do
          if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
        end
        return 0
        """;
}
