using System.Collections.Concurrent;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Grants;

/// <summary>The default, single-node <see cref="IAccessTokenDenylist"/>.</summary>
internal sealed class InMemoryAccessTokenDenylist(TimeProvider timeProvider) : IAccessTokenDenylist
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private readonly ExpiredEntrySweeper _sweeper = new(timeProvider);

    public Task AddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _sweeper.SweepIfDue(_revoked, static e => e);
        _revoked[key] = expiresAt;
        return Task.CompletedTask;
    }

    public Task<bool> IsRevokedAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_revoked.ContainsKey(key));
}
