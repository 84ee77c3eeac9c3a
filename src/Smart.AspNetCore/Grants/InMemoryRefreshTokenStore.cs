using System.Collections.Concurrent;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Grants;

/// <summary>The default, single-node <see cref="IRefreshTokenStore"/>.</summary>
internal sealed class InMemoryRefreshTokenStore(TimeProvider timeProvider) : IRefreshTokenStore
{
    private readonly ConcurrentDictionary<string, Entry> _tokens = new(StringComparer.Ordinal);

    // Revoked families and sessions are remembered so that a token stored concurrently with the revocation
    // (a refresh racing a reuse detection) is refused as well.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedGrants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedSessions = new(StringComparer.Ordinal);
    private readonly ExpiredEntrySweeper _sweeper = new(timeProvider);

    public Task StoreAsync(string key, SmartRefreshToken token, CancellationToken cancellationToken)
    {
        _sweeper.SweepIfDue(_tokens, static e => e.Token.ExpiresAt);
        if (!_tokens.TryAdd(key, new Entry(token)))
        {
            throw new InvalidOperationException("A refresh token with this key already exists.");
        }

        return Task.CompletedTask;
    }

    public Task<SmartRedemption<SmartRefreshToken>> RedeemAsync(string key, CancellationToken cancellationToken)
    {
        if (!_tokens.TryGetValue(key, out var entry))
        {
            return Task.FromResult(new SmartRedemption<SmartRefreshToken>(SmartRedemptionStatus.NotFound, null));
        }

        var token = entry.Token;
        if (IsRevoked(token))
        {
            return Task.FromResult(new SmartRedemption<SmartRefreshToken>(SmartRedemptionStatus.Revoked, token));
        }

        var status = entry.TryRedeem() ? SmartRedemptionStatus.Redeemed : SmartRedemptionStatus.AlreadyRedeemed;
        return Task.FromResult(new SmartRedemption<SmartRefreshToken>(status, token));
    }

    public Task<SmartRefreshToken?> FindAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_tokens.TryGetValue(key, out var entry) && !entry.IsRedeemed && !IsRevoked(entry.Token) ? entry.Token : null);

    public Task RevokeGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        _revokedGrants[grantId] = timeProvider.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task RevokeOnlineAccessAsync(string subject, string? sessionId, CancellationToken cancellationToken)
    {
        _revokedSessions[SessionKey(subject, sessionId)] = timeProvider.GetUtcNow();
        return Task.CompletedTask;
    }

    private bool IsRevoked(SmartRefreshToken token)
    {
        var grant = token.Grant;
        if (_revokedGrants.ContainsKey(grant.GrantId))
        {
            return true;
        }

        // A session revocation ends the grants made before it; a later login starts new grants.
        return token.IsOnlineAccess
            && (RevokedAfter(SessionKey(grant.Subject, grant.SessionId), grant.CreatedAt) || RevokedAfter(SessionKey(grant.Subject, null), grant.CreatedAt));
    }

    private bool RevokedAfter(string sessionKey, DateTimeOffset createdAt) =>
        _revokedSessions.TryGetValue(sessionKey, out var revokedAt) && revokedAt >= createdAt;

    private static string SessionKey(string subject, string? sessionId) => subject + "\n" + (sessionId ?? "*");

    private sealed class Entry(SmartRefreshToken token)
    {
        private int _redeemed;

        public SmartRefreshToken Token { get; } = token;

        public bool IsRedeemed => Volatile.Read(ref _redeemed) != 0;

        public bool TryRedeem() => Interlocked.Exchange(ref _redeemed, 1) == 0;
    }
}
