using Smart.AspNetCore.Stores;
using StackExchange.Redis;

namespace Smart.Sample.Ehr.Accounts;

/// <summary>
/// The farm's lockout (<see cref="ILoginLockout"/>), shared by every instance through Redis: a failure counter that
/// expires <see cref="ILoginLockout.Lockout"/> after the first failure, and a lock key set for
/// <see cref="ILoginLockout.Lockout"/> when the counter reaches <see cref="ILoginLockout.MaxFailures"/>, both in one
/// script (one round trip; the account's two keys share a hash tag, so the script also runs on Redis Cluster). The
/// windows are Redis's own expiries. Redis failures surface as <see cref="SmartStoreUnavailableException"/> (the login
/// page answers 503).
/// </summary>
public sealed class RedisLoginLockout(IConnectionMultiplexer redis, bool enabled) : ILoginLockout
{
    private const string Prefix = Farm.FarmExtensions.KeyPrefix + "login-lockout:";

    private const string Unavailable = "The login lockout in Redis is unavailable.";

    private static readonly LuaScript s_failed = LuaScript.Prepare("""
        local failures = redis.call('INCR', @failures)
        if failures == 1 then redis.call('PEXPIRE', @failures, @window) end
        if failures >= tonumber(@max) then
          redis.call('SET', @locked, '1', 'PX', @window)
          redis.call('DEL', @failures)
        end
        return failures
        """);

    /// <inheritdoc />
    public async Task<TimeSpan?> LockedForAsync(string username, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return null;
        }

        var left = await Farm.SampleRedis.RunAsync(() => redis.GetDatabase().KeyTimeToLiveAsync(LockedKey(username)), Unavailable);
        return left is { } wait && wait > TimeSpan.Zero ? wait : null;
    }

    /// <inheritdoc />
    public async Task FailedAsync(string username, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return;
        }

        await Farm.SampleRedis.RunAsync(() => redis.GetDatabase().ScriptEvaluateAsync(s_failed, new
        {
            failures = FailuresKey(username),
            locked = LockedKey(username),
            window = (long)ILoginLockout.Lockout.TotalMilliseconds,
            max = ILoginLockout.MaxFailures,
        }), Unavailable);
    }

    /// <inheritdoc />
    public async Task SucceededAsync(string username, CancellationToken cancellationToken) =>
        await Farm.SampleRedis.RunAsync(() => redis.GetDatabase().KeyDeleteAsync([FailuresKey(username), LockedKey(username)]), Unavailable);

    // Only existing demo accounts reach these (the login page checks), so the keys are bounded; the braces are the
    // account's hash tag.
    private static RedisKey FailuresKey(string username) => Prefix + "{" + username + "}:failures";

    private static RedisKey LockedKey(string username) => Prefix + "{" + username + "}:locked";
}
