namespace Smart.AspNetCore;

/// <summary>
/// Root options of Smart.AspNetCore, bound from the <c>Smart</c> configuration section by default
/// and validated at start-up (every problem is reported at once).
/// </summary>
public sealed class SmartOnFhirOptions
{
    /// <summary>
    /// The absolute public URL of the FHIR base, for example <c>https://ehr.example.org/fhir</c>.
    /// It is the OAuth issuer, the OpenID Connect issuer, the <c>iss</c> sent to apps in an EHR launch and
    /// the <c>aud</c> apps must send to the authorization endpoint (SMART App Launch, AUTHZ-7, AUTHZ-15).
    /// Configure the public URL exactly as clients see it (no trailing slash); never derive it from the request host.
    /// </summary>
    public Uri? FhirBaseUrl { get; set; }

    /// <summary>
    /// When <see langword="true"/> (the default), the FHIR base URL, client redirect URIs and launch URLs must use HTTPS.
    /// Setting it to <see langword="false"/> is not recommended: it only permits plain HTTP on loopback hosts
    /// (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>), which is meant for local development; any other
    /// plain-HTTP URL is still refused at start-up.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Paths of the library's endpoints, relative to the FHIR base.</summary>
    public SmartEndpointOptions Endpoints { get; } = new();

    /// <summary>Lifetimes of codes, tokens and launch handles.</summary>
    public SmartLifetimeOptions Lifetimes { get; } = new();

    /// <summary>Token signing keys (asymmetric only).</summary>
    public SmartSigningOptions Signing { get; } = new();

    /// <summary>What the discovery documents advertise, and how the host's CapabilityStatement is decorated.</summary>
    public SmartDiscoveryOptions Discovery { get; } = new();

    /// <summary>How the authorization endpoint uses the host's login, consent and patient-picker pages.</summary>
    public SmartInteractionOptions Interaction { get; } = new();

    /// <summary>Hooks for the host; see <see cref="Events.SmartOnFhirEvents"/>. Not bound from configuration.</summary>
    public Events.SmartOnFhirEvents Events { get; set; } = new();

    /// <summary>Cross-origin settings for browser-based apps.</summary>
    public SmartCorsOptions Cors { get; } = new();

    /// <summary>Limits on what the authorization server endpoints read from a request (parameters, lengths, body size).</summary>
    public SmartRequestLimitOptions RequestLimits { get; } = new();

    /// <summary>Which origins may frame the pages that grant access (consent, patient picker, pages the host marks).</summary>
    public SmartFramingOptions Framing { get; } = new();

    /// <summary>Opt-in rate limiting of the authorization server endpoints (off by default).</summary>
    public SmartRateLimitOptions RateLimiting { get; } = new();
}
