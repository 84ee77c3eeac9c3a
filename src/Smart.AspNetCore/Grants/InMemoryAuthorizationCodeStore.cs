using System.Collections.Concurrent;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Grants;

/// <summary>The default, single-node <see cref="IAuthorizationCodeStore"/>.</summary>
internal sealed class InMemoryAuthorizationCodeStore(TimeProvider timeProvider) : IAuthorizationCodeStore
{
    // Redeemed codes are kept this long after expiry so that a late replay is still recognised (TOKEN-3).
    private static readonly TimeSpan s_replayWindow = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Entry> _codes = new(StringComparer.Ordinal);
    private readonly ExpiredEntrySweeper _sweeper = new(timeProvider);

    public Task StoreAsync(string key, SmartAuthorizationCode code, CancellationToken cancellationToken)
    {
        _sweeper.SweepIfDue(_codes, static e => e.Code.ExpiresAt + s_replayWindow);
        if (!_codes.TryAdd(key, new Entry(code)))
        {
            throw new InvalidOperationException("An authorization code with this key already exists.");
        }

        return Task.CompletedTask;
    }

    public Task<SmartRedemption<SmartAuthorizationCode>> RedeemAsync(string key, CancellationToken cancellationToken)
    {
        if (!_codes.TryGetValue(key, out var entry))
        {
            return Task.FromResult(new SmartRedemption<SmartAuthorizationCode>(SmartRedemptionStatus.NotFound, null));
        }

        var status = entry.TryRedeem() ? SmartRedemptionStatus.Redeemed : SmartRedemptionStatus.AlreadyRedeemed;
        return Task.FromResult(new SmartRedemption<SmartAuthorizationCode>(status, entry.Code));
    }

    private sealed class Entry(SmartAuthorizationCode code)
    {
        private int _redeemed;

        public SmartAuthorizationCode Code { get; } = code;

        public bool TryRedeem() => Interlocked.Exchange(ref _redeemed, 1) == 0;
    }
}
