namespace Smart.AspNetCore.Clients;

/// <summary>Whether a user must approve what a client asks for (AUTHZ-11, AUTHZ-12).</summary>
public enum SmartConsentPolicy
{
    /// <summary>The host's consent page is shown; the user may untick scopes or deny.</summary>
    Required = 0,

    /// <summary>
    /// The client is trusted by the organisation (for example an app the EHR ships): scopes are granted without a
    /// prompt, still limited to what the client and user are allowed.
    /// </summary>
    Trusted = 1,

    /// <summary>
    /// The host's consent page is shown, and what the user approved is remembered
    /// (<see cref="SmartLifetimeOptions.RememberedConsent"/>): a later authorization asking for no more than the
    /// remembered scopes skips the page; one asking for more shows it with the new scopes marked
    /// (<see cref="Interaction.SmartScopeInfo.IsNew"/>). <c>prompt=consent</c> always shows the page, and an approval
    /// that broke the glass is never remembered.
    /// </summary>
    Remember = 2,
}
