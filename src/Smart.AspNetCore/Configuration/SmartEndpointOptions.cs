namespace Smart.AspNetCore;

/// <summary>
/// Paths of the library's endpoints, relative to the FHIR base path. The discovery documents are always served at
/// <c>{fhir}/.well-known/smart-configuration</c> and <c>{fhir}/.well-known/openid-configuration</c>
/// (the OpenID Connect issuer is the FHIR base), so only the OAuth endpoints and the JWKS are configurable.
/// </summary>
public sealed class SmartEndpointOptions
{
    /// <summary>The authorization endpoint path. Default <c>auth/authorize</c>.</summary>
    public string AuthorizationPath { get; set; } = SmartOnFhirDefaults.AuthorizationPath;

    /// <summary>The token endpoint path. Default <c>auth/token</c>.</summary>
    public string TokenPath { get; set; } = SmartOnFhirDefaults.TokenPath;

    /// <summary>
    /// The token introspection endpoint path (RFC 7662, advertised as <c>introspection_endpoint</c>). Default
    /// <c>auth/introspect</c>.
    /// </summary>
    public string IntrospectionPath { get; set; } = SmartOnFhirDefaults.IntrospectionPath;

    /// <summary>The token revocation endpoint path (RFC 7009, advertised as <c>revocation_endpoint</c>). Default <c>auth/revoke</c>.</summary>
    public string RevocationPath { get; set; } = SmartOnFhirDefaults.RevocationPath;

    /// <summary>The JSON Web Key Set path. Default <c>.well-known/jwks.json</c>.</summary>
    public string JwksPath { get; set; } = SmartOnFhirDefaults.JwksPath;

    /// <summary>
    /// Optional absolute URL of the host's page where users manage the apps they authorized
    /// (advertised as <c>management_endpoint</c>, DISC-8, and as the v1 <c>manage</c> oauth-uri).
    /// </summary>
    public Uri? ManagementEndpoint { get; set; }

    /// <summary>Every path the library maps under the FHIR base (relative, without leading slash).</summary>
    internal IEnumerable<string> LibraryPaths()
    {
        yield return AuthorizationPath.TrimStart('/');
        yield return TokenPath.TrimStart('/');
        yield return JwksPath.TrimStart('/');
        yield return IntrospectionPath.TrimStart('/');
        yield return RevocationPath.TrimStart('/');
        yield return SmartOnFhirDefaults.SmartConfigurationPath;
        yield return SmartOnFhirDefaults.OpenIdConfigurationPath;
        yield return SmartOnFhirDefaults.MetadataPath;
    }
}
