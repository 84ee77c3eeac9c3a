using System.Collections.Concurrent;

namespace Smart.Sample.Ehr.Accounts;

/// <summary>
/// The demo login's lockout (SAMPLE-CONTRACT "Abuse"): after <see cref="MaxFailures"/> wrong passwords for one account
/// within <see cref="Lockout"/>, the account is locked for <see cref="Lockout"/>, right password or not. Only existing
/// accounts are tracked, so unknown user names cannot grow the table. Off when <c>RateLimiting:Enabled=false</c>.
/// </summary>
public sealed class LoginLockout(bool enabled, TimeProvider timeProvider)
{
    /// <summary>Wrong passwords that lock the account.</summary>
    public const int MaxFailures = 5;

    /// <summary>How long the failures are counted, and how long the account stays locked.</summary>
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="username"/> stays locked, or <see langword="null"/> when it is not.</summary>
    public TimeSpan? LockedFor(string username)
    {
        if (!enabled || !_entries.TryGetValue(username, out var entry) || entry.LockedUntil is not { } until)
        {
            return null;
        }

        var left = until - timeProvider.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    /// <summary>Counts a wrong password for an existing account.</summary>
    public void Failed(string username)
    {
        if (!enabled)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        _entries.AddOrUpdate(
            username,
            _ => new Entry(1, now, null),
            (_, e) =>
            {
                var fresh = now - e.WindowStart > Lockout || (e.LockedUntil is { } until && until <= now);
                var failures = fresh ? 1 : e.Failures + 1;
                return new Entry(failures, fresh ? now : e.WindowStart, failures >= MaxFailures ? now + Lockout : e.LockedUntil);
            });
    }

    /// <summary>A successful sign-in clears the account's failures.</summary>
    public void Succeeded(string username) => _entries.TryRemove(username, out _);

    private sealed record Entry(int Failures, DateTimeOffset WindowStart, DateTimeOffset? LockedUntil);
}
