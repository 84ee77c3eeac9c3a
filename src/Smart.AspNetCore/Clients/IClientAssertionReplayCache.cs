namespace Smart.AspNetCore.Clients;

/// <summary>
/// Remembers the <c>jti</c> of every accepted <c>private_key_jwt</c> client assertion until the assertion expires, so
/// that an assertion can be used only once (CLIENT-5, RFC 7523 §3 item 7). Replace the in-memory default through
/// <c>AddClientAssertionReplayCache&lt;T&gt;()</c> for a multi-node EHR (for example with Redis <c>SET NX PX</c>).
/// </summary>
public interface IClientAssertionReplayCache
{
    /// <summary>
    /// Atomically adds <paramref name="key"/>: exactly one of any number of concurrent callers with the same key gets
    /// <see langword="true"/>; every later caller gets <see langword="false"/> until <paramref name="expiresAt"/> has passed.
    /// </summary>
    /// <param name="key">An opaque key derived from the assertion's <c>iss</c> and <c>jti</c> (a base64url SHA-256).</param>
    /// <param name="expiresAt">When the entry may be forgotten (the assertion's <c>exp</c> plus the allowed clock skew).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the key was added; <see langword="false"/> when it was already present (a replay).</returns>
    Task<bool> TryAddAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
