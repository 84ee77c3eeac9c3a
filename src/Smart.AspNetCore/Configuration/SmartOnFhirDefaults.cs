namespace Smart.AspNetCore;

/// <summary>Default values used by Smart.AspNetCore.</summary>
public static class SmartOnFhirDefaults
{
    /// <summary>The configuration section bound by default: <c>Smart</c>.</summary>
    public const string ConfigurationSection = "Smart";

    /// <summary>Default authorization endpoint path, relative to the FHIR base.</summary>
    public const string AuthorizationPath = "auth/authorize";

    /// <summary>Default token endpoint path, relative to the FHIR base.</summary>
    public const string TokenPath = "auth/token";

    /// <summary>Default token introspection endpoint path (RFC 7662), relative to the FHIR base.</summary>
    public const string IntrospectionPath = "auth/introspect";

    /// <summary>Default token revocation endpoint path (RFC 7009), relative to the FHIR base.</summary>
    public const string RevocationPath = "auth/revoke";

    /// <summary>
    /// Name of the <see cref="System.Net.Http.IHttpClientFactory"/> client that fetches client JWKS from registered
    /// <c>jwks_uri</c>s (CLIENT-2). Configure it (proxy, handler) with <c>services.AddHttpClient(name)</c>; redirects
    /// are not followed.
    /// </summary>
    public const string ClientJwksHttpClientName = "Smart.AspNetCore.ClientJwks";

    /// <summary>Default JWKS path, relative to the FHIR base.</summary>
    public const string JwksPath = ".well-known/jwks.json";

    /// <summary>Fixed path of the SMART configuration document, relative to the FHIR base (DISC-1).</summary>
    public const string SmartConfigurationPath = ".well-known/smart-configuration";

    /// <summary>Fixed path of the OpenID Connect discovery document, relative to the issuer (OIDC-4).</summary>
    public const string OpenIdConfigurationPath = ".well-known/openid-configuration";

    /// <summary>Path of the CapabilityStatement, relative to the FHIR base.</summary>
    public const string MetadataPath = "metadata";

    /// <summary>Name of the CORS policy that allows any origin on discovery documents and metadata (DISC-13).</summary>
    public const string DiscoveryCorsPolicy = "Smart.AspNetCore.Discovery";
}
