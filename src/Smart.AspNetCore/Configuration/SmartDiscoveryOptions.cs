namespace Smart.AspNetCore;

/// <summary>What the discovery documents advertise (DISC-1..DISC-13).</summary>
public sealed class SmartDiscoveryOptions
{
    /// <summary>
    /// Scopes advertised as <c>scopes_supported</c> (DISC-8). When empty, the library advertises the identity,
    /// launch and refresh scopes it implements plus <c>patient/*.rs</c>, <c>user/*.rs</c>, <c>patient/*.read</c>
    /// and <c>user/*.read</c>. Every listed scope must parse as a SMART scope.
    /// </summary>
    public IList<string> ScopesSupported { get; } = new List<string>();

    /// <summary>
    /// Capabilities the host does not want advertised even though the library implements them
    /// (for example <c>launch-standalone</c> when the EHR only supports EHR launch).
    /// </summary>
    public IList<string> ExcludedCapabilities { get; } = new List<string>();

    /// <summary>
    /// Extra capabilities implemented by the host itself. Capabilities defined outside HL7 must be absolute URIs
    /// (DISC-10); HL7-defined names are accepted only when the host really implements them.
    /// </summary>
    public IList<string> AdditionalCapabilities { get; } = new List<string>();

    /// <summary>
    /// When <see langword="true"/> (the default), the host's own <c>GET {fhir}/metadata</c> response is decorated
    /// with <c>rest.security</c> (SMART-on-FHIR service and the oauth-uris extension, DISC-11/DISC-12) and allowed
    /// from any origin (DISC-13), however the host produces it.
    /// </summary>
    public bool DecorateCapabilityStatement { get; set; } = true;

    /// <summary>
    /// Opt-in: map a minimal CapabilityStatement at <c>{fhir}/metadata</c> for hosts that have none.
    /// Default <see langword="false"/>.
    /// </summary>
    public bool MapCapabilityStatement { get; set; }

    /// <summary>Publisher name written into the minimal CapabilityStatement. Default <c>Smart.AspNetCore</c>.</summary>
    public string CapabilityStatementPublisher { get; set; } = "Smart.AspNetCore";

    /// <summary><c>Cache-Control: max-age</c> of the discovery documents and JWKS. Default 1 hour.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(1);
}
