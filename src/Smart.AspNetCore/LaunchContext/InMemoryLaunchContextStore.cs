using System.Collections.Concurrent;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.LaunchContext;

/// <summary>The default, single-node <see cref="ILaunchContextStore"/>.</summary>
internal sealed class InMemoryLaunchContextStore(TimeProvider timeProvider) : ILaunchContextStore
{
    private readonly ConcurrentDictionary<string, SmartStoredLaunch> _launches = new(StringComparer.Ordinal);
    private readonly ExpiredEntrySweeper _sweeper = new(timeProvider);

    public Task StoreAsync(string key, SmartStoredLaunch launch, CancellationToken cancellationToken)
    {
        _sweeper.SweepIfDue(_launches, static l => l.ExpiresAt);
        if (!_launches.TryAdd(key, launch))
        {
            throw new InvalidOperationException("A launch with this key already exists.");
        }

        return Task.CompletedTask;
    }

    public Task<SmartStoredLaunch?> ConsumeAsync(string key, CancellationToken cancellationToken)
    {
        // TryRemove is atomic: of concurrent callers for one key, exactly one gets the value.
        if (_launches.TryRemove(key, out var launch) && launch.ExpiresAt > timeProvider.GetUtcNow())
        {
            return Task.FromResult<SmartStoredLaunch?>(launch);
        }

        return Task.FromResult<SmartStoredLaunch?>(null);
    }
}
