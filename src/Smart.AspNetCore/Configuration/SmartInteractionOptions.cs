namespace Smart.AspNetCore;

/// <summary>
/// How the authorization endpoint works with the host's own UI: which authentication scheme identifies the user,
/// which claims carry the user's identity, and where the host's consent and patient-picker pages live.
/// </summary>
public sealed class SmartInteractionOptions
{
    /// <summary>
    /// The host's authentication scheme used to authenticate and challenge the user at the authorization endpoint
    /// (for example the cookie scheme). <see langword="null"/> (the default) uses the host's default scheme.
    /// </summary>
    public string? AuthenticationScheme { get; set; }

    /// <summary>
    /// Local path of the host's consent page. The library redirects there with a <c>request_id</c> query parameter;
    /// the page reads the request through <see cref="Interaction.ISmartAuthorizationInteraction"/>.
    /// Default <c>/smart/consent</c>.
    /// </summary>
    public string ConsentPath { get; set; } = "/smart/consent";

    /// <summary>Local path of the host's patient picker, used in standalone launches (AUTHZ-14). Default <c>/smart/patient-picker</c>.</summary>
    public string PatientPickerPath { get; set; } = "/smart/patient-picker";

    /// <summary>Claim carrying the user's stable subject identifier. Default <c>sub</c>, falling back to <c>ClaimTypes.NameIdentifier</c>.</summary>
    public string SubjectClaimType { get; set; } = "sub";

    /// <summary>
    /// Claim carrying the user's FHIR resource as a relative reference (<c>Practitioner/123</c>) or absolute URL
    /// (OIDC-3). Default <c>fhirUser</c>.
    /// </summary>
    public string FhirUserClaimType { get; set; } = "fhirUser";

    /// <summary>
    /// Claim identifying the user's login session; <c>online_access</c> refresh tokens are bound to it (REFRESH-9).
    /// Default <c>sid</c>. When the principal has no such claim the library uses the authentication time.
    /// </summary>
    public string SessionIdClaimType { get; set; } = "sid";
}
