namespace Smart.AspNetCore.Grants;

/// <summary>The default, single-node <see cref="IConsentStore"/>: one lock, entries copied in and out.</summary>
internal sealed class InMemoryConsentStore(TimeProvider timeProvider) : IConsentStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<SmartConsent>> _bySubject = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    public Task StoreAsync(SmartConsent consent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        lock (_lock)
        {
            SweepIfDue();
            if (!_bySubject.TryGetValue(consent.Subject, out var entries))
            {
                entries = [];
                _bySubject[consent.Subject] = entries;
            }

            entries.RemoveAll(e => Same(e, consent.ClientId, consent.GrantId));
            entries.Add(Copy(consent));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SmartConsent>> FindBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            IReadOnlyList<SmartConsent> found = _bySubject.TryGetValue(subject, out var entries)
                ? [.. entries.Where(e => e.ExpiresAt > now).Select(Copy)]
                : [];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<SmartConsent>> FindByClientAsync(string clientId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            IReadOnlyList<SmartConsent> found = [.. _bySubject.Values.SelectMany(e => e)
                .Where(e => e.ExpiresAt > now && string.Equals(e.ClientId, clientId, StringComparison.Ordinal))
                .Select(Copy)];
            return Task.FromResult(found);
        }
    }

    public Task TouchAsync(string subject, string clientId, string grantId, DateTimeOffset usedAt, DateTimeOffset usableUntil, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_bySubject.TryGetValue(subject, out var entries) && entries.Find(e => Same(e, clientId, grantId)) is { } entry)
            {
                entry.LastUsedAt = usedAt;
                if (usableUntil > entry.ExpiresAt)
                {
                    entry.ExpiresAt = usableUntil;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SmartConsent>> RemoveAsync(string subject, string clientId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_bySubject.TryGetValue(subject, out var entries))
            {
                return Task.FromResult<IReadOnlyList<SmartConsent>>([]);
            }

            IReadOnlyList<SmartConsent> removed = [.. entries.Where(e => string.Equals(e.ClientId, clientId, StringComparison.Ordinal))];
            entries.RemoveAll(e => string.Equals(e.ClientId, clientId, StringComparison.Ordinal));
            if (entries.Count == 0)
            {
                _bySubject.Remove(subject);
            }

            return Task.FromResult(removed);
        }
    }

    private void SweepIfDue()
    {
        var now = timeProvider.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromMinutes(1);
        foreach (var (subject, entries) in _bySubject.ToList())
        {
            entries.RemoveAll(e => e.ExpiresAt <= now);
            if (entries.Count == 0)
            {
                _bySubject.Remove(subject);
            }
        }
    }

    private static bool Same(SmartConsent entry, string clientId, string grantId) =>
        string.Equals(entry.ClientId, clientId, StringComparison.Ordinal) && string.Equals(entry.GrantId, grantId, StringComparison.Ordinal);

    private static SmartConsent Copy(SmartConsent c) => new()
    {
        GrantId = c.GrantId,
        ClientId = c.ClientId,
        Subject = c.Subject,
        Scope = c.Scope,
        OfflineAccess = c.OfflineAccess,
        CreatedAt = c.CreatedAt,
        LastUsedAt = c.LastUsedAt,
        RememberedUntil = c.RememberedUntil,
        ExpiresAt = c.ExpiresAt,
    };
}
