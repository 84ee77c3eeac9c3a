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

            var index = IndexOf(entries, consent.ClientId, consent.GrantId);
            if (index >= 0)
            {
                entries[index] = Copy(consent);
            }
            else
            {
                entries.Add(Copy(consent));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SmartConsent>> FindBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (!_bySubject.TryGetValue(subject, out var entries))
            {
                return Task.FromResult<IReadOnlyList<SmartConsent>>([]);
            }

            var found = new List<SmartConsent>(entries.Count);
            foreach (var entry in entries)
            {
                if (entry.ExpiresAt > now)
                {
                    found.Add(Copy(entry));
                }
            }

            return Task.FromResult<IReadOnlyList<SmartConsent>>(found);
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
            if (_bySubject.TryGetValue(subject, out var entries) && IndexOf(entries, clientId, grantId) is >= 0 and var index)
            {
                var entry = entries[index];
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

    /// <summary>The position of the subject's entry for the client and grant, or -1 (a plain loop: no closure per call).</summary>
    private static int IndexOf(List<SmartConsent> entries, string clientId, string grantId)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (string.Equals(entry.GrantId, grantId, StringComparison.Ordinal) && string.Equals(entry.ClientId, clientId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

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
