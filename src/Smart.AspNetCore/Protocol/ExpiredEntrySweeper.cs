using System.Collections.Concurrent;

namespace Smart.AspNetCore.Protocol;

/// <summary>Removes expired entries from an in-memory store at most once a minute, on the caller's thread.</summary>
internal sealed class ExpiredEntrySweeper(TimeProvider timeProvider)
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMinutes(1);
    private long _nextSweepTicks;

    public void SweepIfDue<TValue>(ConcurrentDictionary<string, TValue> entries, Func<TValue, DateTimeOffset> expiresAt)
    {
        var now = timeProvider.GetUtcNow();
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + s_interval).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (expiresAt(entry.Value) <= now)
            {
                entries.TryRemove(entry);
            }
        }
    }
}
