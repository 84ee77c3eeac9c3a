using System.Collections.Concurrent;

namespace Smart.Sample.Ehr.Accounts;

/// <summary>The lockout of one instance (<see cref="ILoginLockout"/>), on the injected clock.</summary>
public sealed class InMemoryLoginLockout(bool enabled, TimeProvider timeProvider) : ILoginLockout
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<TimeSpan?> LockedForAsync(string username, CancellationToken cancellationToken)
    {
        if (!enabled || !_entries.TryGetValue(username, out var entry) || entry.LockedUntil is not { } until)
        {
            return Task.FromResult<TimeSpan?>(null);
        }

        var left = until - timeProvider.GetUtcNow();
        return Task.FromResult<TimeSpan?>(left > TimeSpan.Zero ? left : null);
    }

    /// <inheritdoc />
    public Task FailedAsync(string username, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return Task.CompletedTask;
        }

        var now = timeProvider.GetUtcNow();
        _entries.AddOrUpdate(
            username,
            _ => new Entry(1, now, null),
            (_, e) =>
            {
                var fresh = now - e.WindowStart > ILoginLockout.Lockout || (e.LockedUntil is { } until && until <= now);
                var failures = fresh ? 1 : e.Failures + 1;
                return new Entry(failures, fresh ? now : e.WindowStart, failures >= ILoginLockout.MaxFailures ? now + ILoginLockout.Lockout : e.LockedUntil);
            });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SucceededAsync(string username, CancellationToken cancellationToken)
    {
        _entries.TryRemove(username, out _);
        return Task.CompletedTask;
    }

    private sealed record Entry(int Failures, DateTimeOffset WindowStart, DateTimeOffset? LockedUntil);
}
