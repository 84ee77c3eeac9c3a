namespace Smart.AspNetCore;

/// <summary>Lifetimes of the values the authorization server issues.</summary>
public sealed class SmartLifetimeOptions
{
    /// <summary>Authorization code lifetime (AUTHZ-10). Default 60 seconds; at most 10 minutes.</summary>
    public TimeSpan AuthorizationCode { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Access token lifetime (TOKEN-9). Default 1 hour, which is also the maximum.</summary>
    public TimeSpan AccessToken { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Access token lifetime for SMART Backend Services (<c>client_credentials</c>, BACKEND-4: tokens should live at
    /// most 5 minutes). Default 5 minutes; at most 1 hour. <see cref="Clients.SmartClient.AccessTokenLifetime"/> overrides it per client.
    /// </summary>
    public TimeSpan BackendAccessToken { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>id_token lifetime. Default 1 hour.</summary>
    public TimeSpan IdToken { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Lifetime of an EHR launch handle between the EHR opening the app and the app reaching the authorization
    /// endpoint (SEC-5). Default 5 minutes.
    /// </summary>
    public TimeSpan LaunchContext { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a pending authorization request is kept server-side while the user logs in, picks a patient or
    /// gives consent. Default 10 minutes.
    /// </summary>
    public TimeSpan PendingAuthorization { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of refresh tokens granted with <c>offline_access</c> (REFRESH-9). Default 90 days.</summary>
    public TimeSpan OfflineRefreshToken { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Upper bound for refresh tokens granted with <c>online_access</c>; they also stop working when the user's
    /// session ends (REFRESH-9). Default 12 hours.
    /// </summary>
    public TimeSpan OnlineRefreshToken { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long an approval on the consent page is remembered for clients whose policy is
    /// <see cref="Clients.SmartConsentPolicy.Remember"/>: within it, an authorization asking for no more than the
    /// remembered scopes skips the consent page. Revoking the app (<see cref="Grants.ISmartGrantManager"/>) forgets it
    /// at once. Default 30 days.
    /// </summary>
    public TimeSpan RememberedConsent { get; set; } = TimeSpan.FromDays(30);
}
