using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Diagnostics;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// The store of the validated-token cache: bounded by entry count and estimated memory, thread-safe, keyed by the
/// SHA-256 hash of the exact token (the token text itself is compared too on a hit). Eviction removes expired entries
/// first, then entries not used since the previous sweep (a clock / second-chance approximation of LRU), down to 90 %
/// of each bound. Only <see cref="CachingJsonWebTokenHandler"/> adds entries, and only for tokens that validated.
/// </summary>
internal sealed class AccessTokenValidationCache
{
    private readonly ConcurrentDictionary<TokenHash, Entry> _entries = new();
    private readonly Lock _trimLock = new();
    private readonly TimeProvider _timeProvider;
    private long _count;
    private long _bytes;
    private long _hits;
    private long _misses;
    private long _evictions;

    /// <param name="options">The cache's bounds.</param>
    /// <param name="timeProvider">The clock of the sweeps.</param>
    /// <param name="telemetry">When given and the cache is on, its hits, misses, evictions and size become metrics.</param>
    public AccessTokenValidationCache(IOptions<SmartResourceServerOptions> options, TimeProvider timeProvider, SmartOnFhirTelemetry? telemetry = null)
    {
        var cache = options.Value.TokenCache;
        Enabled = cache.Enabled;
        MaxEntries = cache.MaxEntries;
        MaxBytes = cache.MaxMemoryBytes;
        _timeProvider = timeProvider;
        if (Enabled)
        {
            telemetry?.ObserveTokenCache(() => Hits, () => Misses, () => Evictions, () => Count);
        }
    }

    public bool Enabled { get; }

    public int MaxEntries { get; }

    public long MaxBytes { get; }

    public long Count => Interlocked.Read(ref _count);

    public long EstimatedBytes => Interlocked.Read(ref _bytes);

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The hash of the exact token text (its UTF-16 code units; tokens are ASCII, so this is one-to-one).</summary>
    public static TokenHash Hash(string token)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(token.AsSpan()), digest);
        var words = MemoryMarshal.Cast<byte, ulong>(digest);
        return new TokenHash(words[0], words[1], words[2], words[3]);
    }

    /// <summary>A rough estimate of what one cached token holds: the token, its decoded header and payload, the entry.</summary>
    public static long EstimateBytes(string token) => 512 + (4L * token.Length);

    public bool TryGet(TokenHash key, string token, out Entry entry)
    {
        if (_entries.TryGetValue(key, out var found) && string.Equals(found.Token, token, StringComparison.Ordinal))
        {
            found.Touch();
            entry = found;
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>Counts a request answered from the cache (its lifetime was still checked).</summary>
    public void CountHit() => Interlocked.Increment(ref _hits);

    /// <summary>Counts a request whose token was validated in full.</summary>
    public void CountMiss() => Interlocked.Increment(ref _misses);

    public void Add(TokenHash key, Entry entry)
    {
        if (!_entries.TryAdd(key, entry))
        {
            return;
        }

        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _bytes, entry.Bytes);
        if (Count > MaxEntries || EstimatedBytes > MaxBytes)
        {
            Trim();
        }
    }

    public void Remove(TokenHash key, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<TokenHash, Entry>(key, entry)))
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Add(ref _bytes, -entry.Bytes);
        }
    }

    private void Trim()
    {
        lock (_trimLock)
        {
            var targetCount = MaxEntries - (MaxEntries / 10);
            var targetBytes = MaxBytes - (MaxBytes / 10);
            var now = _timeProvider.GetUtcNow().UtcDateTime;
            // Pass 0 removes expired and unused entries and clears the used mark of the others; pass 1 removes what was
            // not used since; pass 2 removes whatever is left until the bounds hold.
            for (var pass = 0; pass < 3 && (Count > targetCount || EstimatedBytes > targetBytes); pass++)
            {
                foreach (var (key, entry) in _entries)
                {
                    if (Count <= targetCount && EstimatedBytes <= targetBytes)
                    {
                        return;
                    }

                    if (pass == 2 || entry.ExpiresAt <= now || !entry.ClearUsed())
                    {
                        if (_entries.TryRemove(new KeyValuePair<TokenHash, Entry>(key, entry)))
                        {
                            Interlocked.Decrement(ref _count);
                            Interlocked.Add(ref _bytes, -entry.Bytes);
                            Interlocked.Increment(ref _evictions);
                        }
                    }
                }
            }
        }
    }

    /// <summary>SHA-256 of a token, as four words.</summary>
    internal readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
    {
        public override int GetHashCode() => (int)A;
    }

    /// <summary>One validated token and what it was validated against.</summary>
    internal sealed class Entry(string token, JsonWebToken jwt, SecurityKey signingKey, string? validIssuer, string? validAudience, DateTime expiresAt)
    {
        private int _used = 1;

        public string Token { get; } = token;

        public JsonWebToken Jwt { get; } = jwt;

        /// <summary>The key that verified the signature; a hit requires it to still be a validation key.</summary>
        public SecurityKey SigningKey { get; } = signingKey;

        public string? ValidIssuer { get; } = validIssuer;

        public string? ValidAudience { get; } = validAudience;

        /// <summary>When the entry is of no more use (the token's <c>exp</c> plus the clock skew).</summary>
        public DateTime ExpiresAt { get; } = expiresAt;

        public long Bytes { get; } = EstimateBytes(token);

        public void Touch()
        {
            if (Volatile.Read(ref _used) == 0)
            {
                Volatile.Write(ref _used, 1);
            }
        }

        /// <summary>Clears the used mark; returns whether it was set.</summary>
        public bool ClearUsed() => Interlocked.Exchange(ref _used, 0) == 1;
    }
}
