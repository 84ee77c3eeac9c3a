namespace Smart.AspNetCore.Throttling;

/// <summary>
/// The default, single-instance <see cref="IRateLimitStore"/>: fixed-window counters on the injected
/// <see cref="TimeProvider"/>, behind one lock (each call is a handful of dictionary operations). Windows that ended are
/// swept once per window length, so keys named by clients do not accumulate.
/// </summary>
internal sealed class InMemoryRateLimitStore(TimeProvider timeProvider) : IRateLimitStore
{
    private readonly Dictionary<(Counter Counter, string Key), Window> _windows = [];
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    private enum Counter : byte
    {
        AddressRequests,
        ClientRequests,
        AddressFailures,
        ClientFailures,
    }

    public Task<TimeSpan?> TryAcquireAsync(string address, string? clientId, SmartRateLimitOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(limits);
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            Sweep(now, limits.Window);
            var wait = Exhausted(Counter.AddressFailures, address, limits.FailedAuthenticationsPerAddress, now)
                ?? (clientId is null ? null : Exhausted(Counter.ClientFailures, clientId, limits.FailedAuthenticationsPerClient, now))
                ?? Spend(Counter.AddressRequests, address, limits.RequestsPerAddress, limits.Window, now)
                ?? (clientId is null ? null : Spend(Counter.ClientRequests, clientId, limits.RequestsPerClient, limits.Window, now));
            return Task.FromResult(wait);
        }
    }

    public Task RecordFailureAsync(string address, string? clientId, SmartRateLimitOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(limits);
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            Spend(Counter.AddressFailures, address, limits.FailedAuthenticationsPerAddress, limits.Window, now);
            if (clientId is not null)
            {
                Spend(Counter.ClientFailures, clientId, limits.FailedAuthenticationsPerClient, limits.Window, now);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The wait when the key's current window has spent its budget; the budget is not touched.</summary>
    private TimeSpan? Exhausted(Counter counter, string key, int limit, DateTimeOffset now) =>
        _windows.TryGetValue((counter, key), out var window) && window.Ends > now && window.Count >= limit ? window.Ends - now : null;

    /// <summary>Counts one in the key's current window (a new one when none is running): the wait when it is over the budget.</summary>
    private TimeSpan? Spend(Counter counter, string key, int limit, TimeSpan length, DateTimeOffset now)
    {
        if (!_windows.TryGetValue((counter, key), out var window) || window.Ends <= now)
        {
            window = new Window(now + length);
            _windows[(counter, key)] = window;
        }

        window.Count++;
        return window.Count > limit ? window.Ends - now : null;
    }

    private void Sweep(DateTimeOffset now, TimeSpan length)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + length;
        foreach (var (key, window) in _windows)
        {
            if (window.Ends <= now)
            {
                _windows.Remove(key);
            }
        }
    }

    private sealed class Window(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public long Count { get; set; }
    }
}
