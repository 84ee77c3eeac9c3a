namespace Smart.AspNetCore.LaunchContext;

/// <summary>
/// Keeps EHR launches between the EHR opening the app and the app reaching the authorization endpoint.
/// Keys are SHA-256 hashes of the launch handles, never the handles themselves. Replace the in-memory default
/// through DI (<c>AddLaunchContextStore&lt;T&gt;()</c>) for a multi-node EHR.
/// </summary>
public interface ILaunchContextStore
{
    /// <summary>Stores a launch under <paramref name="key"/> until <see cref="SmartStoredLaunch.ExpiresAt"/>.</summary>
    /// <param name="key">The hashed launch handle.</param>
    /// <param name="launch">The launch.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the launch is stored.</returns>
    Task StoreAsync(string key, SmartStoredLaunch launch, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically removes and returns the launch stored under <paramref name="key"/>. Must be single-use under
    /// concurrency: of any number of simultaneous calls for one key, at most one returns the launch (for example
    /// Redis <c>GETDEL</c>, or <c>DELETE ... RETURNING</c> in SQL). Returns <see langword="null"/> when unknown,
    /// already consumed or expired.
    /// </summary>
    /// <param name="key">The hashed launch handle.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The launch, or <see langword="null"/>.</returns>
    Task<SmartStoredLaunch?> ConsumeAsync(string key, CancellationToken cancellationToken);
}
