using System.Collections.Concurrent;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Clients;

/// <summary>The default, single-node <see cref="IClientAssertionReplayCache"/>.</summary>
internal sealed class InMemoryClientAssertionReplayCache(TimeProvider timeProvider) : IClientAssertionReplayCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _entries = new(StringComparer.Ordinal);
    private readonly ExpiredEntrySweeper _sweeper = new(timeProvider);

    public Task<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _sweeper.SweepIfDue(_entries, static e => e);
        if (_entries.TryAdd(key, expiresAt))
        {
            return Task.FromResult(true);
        }

        // An entry that expired but was not swept yet may be replaced, atomically, by exactly one caller.
        var now = timeProvider.GetUtcNow();
        return Task.FromResult(_entries.TryGetValue(key, out var existing) && existing <= now
            && _entries.TryUpdate(key, expiresAt, existing));
    }
}
