namespace Smart.AspNetCore.Testing.Flows;

/// <summary>
/// The app the flow driver plays and the host's page conventions. The defaults are the library's (its default pages
/// and <c>docs/extensibility.md</c>): consent buttons named <c>decision</c> with values <c>allow</c>/<c>deny</c>,
/// scope fields named <c>scope</c>, a picker field named <c>patient</c>, a login form with a password input.
/// </summary>
public sealed class SmartFlowOptions
{
    /// <summary>The app's registered <c>client_id</c>.</summary>
    public required string ClientId { get; init; }

    /// <summary>The app's registered <c>redirect_uri</c> (absolute); the driver stops when the host redirects there.</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The client secret of a confidential app (sent with HTTP Basic, RFC 6749 §2.3.1); <see langword="null"/> for a public app.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The FHIR base URL (the <c>aud</c> of a standalone launch, where discovery is read); by default <c>{origin}/fhir</c>.</summary>
    public Uri? FhirBaseUrl { get; init; }

    /// <summary>Send PKCE (<c>S256</c>) with each authorization (default <see langword="true"/>).</summary>
    public bool UsePkce { get; init; } = true;

    /// <summary>The host's login page, for <see cref="SmartFlowDriver.LoginAsync"/> (default <c>/account/login</c>).</summary>
    public string LoginPath { get; init; } = "/account/login";

    /// <summary>The login form's user name field (default <c>username</c>).</summary>
    public string UsernameField { get; init; } = "username";

    /// <summary>The login form's password field (default <c>password</c>).</summary>
    public string PasswordField { get; init; } = "password";

    /// <summary>The consent form's decision button name (default <c>decision</c>); a form with it is the consent page.</summary>
    public string DecisionField { get; init; } = "decision";

    /// <summary>The decision value that approves (default <c>allow</c>).</summary>
    public string AllowValue { get; init; } = "allow";

    /// <summary>The decision value that refuses (default <c>deny</c>).</summary>
    public string DenyValue { get; init; } = "deny";

    /// <summary>The consent form's scope field name (default <c>scope</c>).</summary>
    public string ScopeField { get; init; } = "scope";

    /// <summary>The picker form's patient field name (default <c>patient</c>); a form with it is the patient picker.</summary>
    public string PatientField { get; init; } = "patient";

    /// <summary>How many redirects and pages one authorization may take before the driver gives up (default 20).</summary>
    public int MaxSteps { get; init; } = 20;
}
