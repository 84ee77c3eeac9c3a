namespace Smart.AspNetCore.Grants;

/// <summary>
/// Keeps authorization codes. Keys are SHA-256 hashes of the codes. Replace the in-memory default through DI
/// (<c>AddAuthorizationCodeStore&lt;T&gt;()</c>) for a multi-node EHR.
/// </summary>
public interface IAuthorizationCodeStore
{
    /// <summary>Stores a new code.</summary>
    /// <param name="key">The hashed code.</param>
    /// <param name="code">The code's bindings.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the code is stored.</returns>
    Task StoreAsync(string key, SmartAuthorizationCode code, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically redeems a code: exactly one of any number of concurrent calls gets
    /// <see cref="SmartRedemptionStatus.Redeemed"/>; later calls get <see cref="SmartRedemptionStatus.AlreadyRedeemed"/>
    /// (with the code, so the grant it produced can be revoked, TOKEN-3) for at least as long as the code would have
    /// lived. Expired codes may be reported as <see cref="SmartRedemptionStatus.NotFound"/> or returned; the caller
    /// checks the expiry.
    /// </summary>
    /// <param name="key">The hashed code.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The redemption.</returns>
    Task<SmartRedemption<SmartAuthorizationCode>> RedeemAsync(string key, CancellationToken cancellationToken);
}
