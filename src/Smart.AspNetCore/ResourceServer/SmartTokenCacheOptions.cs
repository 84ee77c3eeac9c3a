namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Options of the validated-token cache of the resource server (<see cref="SmartResourceServerOptions.TokenCache"/>).
/// Apps send the same access token with many requests; the cache remembers, by a SHA-256 hash of the exact token, a
/// token whose signature and claims were already validated, so a repeated token skips signature verification.
/// Expiry (against the injected <see cref="TimeProvider"/>), the revocation denylist and grant revocation are still
/// checked on every request, a token is only served from the cache while the key that signed it is still a validation
/// key, and a token that failed validation is never cached.
/// </summary>
public sealed class SmartTokenCacheOptions
{
    /// <summary>Gets or sets a value indicating whether validated tokens are cached. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the largest number of cached tokens (1 to 1,000,000). Default 10,000.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets the largest estimated memory, in bytes, that cached tokens may hold (64 KiB to 1 GiB). Each entry is
    /// estimated from its token's length (the token, its decoded claims and the entry itself). Default 32 MiB.
    /// </summary>
    public long MaxMemoryBytes { get; set; } = 32L * 1024 * 1024;
}
