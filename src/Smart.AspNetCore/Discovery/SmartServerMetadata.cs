using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Discovery;

/// <summary>
/// The one capability model of the server: every discovery document (SMART configuration, OpenID Connect
/// configuration, CapabilityStatement oauth-uris) is written from it, so they can never drift apart (DISC-12).
/// It advertises only what the library implements, minus what the host excluded (DISC-10).
/// </summary>
internal sealed class SmartServerMetadata
{
    // What this version of the library implements. Each entry is added in the change that implements it.
    private static readonly string[] s_implementedCapabilities =
    [
        SmartCapabilities.LaunchEhr,
        SmartCapabilities.LaunchStandalone,
        SmartCapabilities.AuthorizePost,
        SmartCapabilities.ClientPublic,
        SmartCapabilities.ClientConfidentialSymmetric,
        SmartCapabilities.ClientConfidentialAsymmetric,
        SmartCapabilities.SsoOpenIdConnect,
        SmartCapabilities.ContextBanner,
        SmartCapabilities.ContextStyle,
        SmartCapabilities.ContextEhrPatient,
        SmartCapabilities.ContextEhrEncounter,
        SmartCapabilities.ContextStandalonePatient,
        SmartCapabilities.PermissionOffline,
        SmartCapabilities.PermissionOnline,
        SmartCapabilities.PermissionPatient,
        SmartCapabilities.PermissionUser,
        SmartCapabilities.PermissionV1,
        SmartCapabilities.PermissionV2,
    ];

    private static readonly string[] s_defaultScopes =
    [
        "openid", "fhirUser", "profile", "launch", "launch/patient", "offline_access", "online_access",
        "patient/*.rs", "user/*.rs", "patient/*.read", "user/*.read", "system/*.rs", "system/*.read",
    ];

    public SmartServerMetadata(SmartOnFhirOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.FhirBaseUrl ?? throw new InvalidOperationException("Smart:FhirBaseUrl is not configured.");

        Issuer = baseUrl.AbsoluteUri.TrimEnd('/');
        BasePath = baseUrl.AbsolutePath.TrimEnd('/');
        JwksUri = Combine(options.Endpoints.JwksPath);
        AuthorizationEndpoint = Combine(options.Endpoints.AuthorizationPath);
        TokenEndpoint = Combine(options.Endpoints.TokenPath);
        ManagementEndpoint = options.Endpoints.ManagementEndpoint?.AbsoluteUri;
        IntrospectionEndpoint = Combine(options.Endpoints.IntrospectionPath);
        RevocationEndpoint = Combine(options.Endpoints.RevocationPath);

        Capabilities = [.. s_implementedCapabilities
            .Where(c => !options.Discovery.ExcludedCapabilities.Contains(c, StringComparer.Ordinal))
            .Concat(options.Discovery.AdditionalCapabilities)
            .Distinct(StringComparer.Ordinal)];

        ScopesSupported = options.Discovery.ScopesSupported.Count > 0
            ? [.. options.Discovery.ScopesSupported.Distinct(StringComparer.Ordinal)]
            : s_defaultScopes;

        GrantTypesSupported = [SmartGrantTypes.AuthorizationCode, SmartGrantTypes.RefreshToken, SmartGrantTypes.ClientCredentials];
        TokenEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post", "private_key_jwt"];
    }

    /// <summary>The FHIR base URL without trailing slash: OAuth and OpenID Connect issuer, and the expected <c>aud</c>.</summary>
    public string Issuer { get; }

    /// <summary>The path of the FHIR base (for example <c>/fhir</c>), without trailing slash.</summary>
    public string BasePath { get; }

    public string? AuthorizationEndpoint { get; }

    public string? TokenEndpoint { get; }

    public string JwksUri { get; }

    public string? ManagementEndpoint { get; }

    public string? IntrospectionEndpoint { get; }

    public string? RevocationEndpoint { get; }

    public IReadOnlyList<string> Capabilities { get; }

    public IReadOnlyList<string> ScopesSupported { get; }

    public IReadOnlyList<string> GrantTypesSupported { get; }

    public IReadOnlyList<string> TokenEndpointAuthMethodsSupported { get; }

    /// <summary>Algorithms accepted for <c>private_key_jwt</c> client assertions (CLIENT-4, DISC-9), strongest first.</summary>
    public static IReadOnlyList<string> ClientAssertionAlgorithms { get; } =
        [SmartSigningAlgorithms.RS384, SmartSigningAlgorithms.ES384, SmartSigningAlgorithms.RS256, SmartSigningAlgorithms.ES256];

    /// <summary>Algorithms accepted for <c>private_key_jwt</c> client assertions, as advertised (DISC-9).</summary>
    public IReadOnlyList<string> TokenEndpointAuthSigningAlgValuesSupported { get; } = ClientAssertionAlgorithms;

    public IReadOnlyList<string> CodeChallengeMethodsSupported { get; } = ["S256"];

    public IReadOnlyList<string> ResponseTypesSupported { get; } = ["code"];

    /// <summary><c>query</c> (the default for <c>code</c>, OAuth 2.0 Multiple Response Types §2.1) and <c>form_post</c> (OAuth 2.0 Form Post Response Mode).</summary>
    public IReadOnlyList<string> ResponseModesSupported { get; } = [Protocol.AuthorizeResponseModes.Query, Protocol.AuthorizeResponseModes.FormPost];

    public bool SupportsOpenIdConnect => Capabilities.Contains(SmartCapabilities.SsoOpenIdConnect);

    public string SmartConfigurationUri => Combine(SmartOnFhirDefaults.SmartConfigurationPath);

    public string OpenIdConfigurationUri => Combine(SmartOnFhirDefaults.OpenIdConfigurationPath);

    public string MetadataPath => BasePath + "/" + SmartOnFhirDefaults.MetadataPath;

    public string Combine(string relativePath) => Issuer + "/" + relativePath.TrimStart('/');

    /// <summary>OIDC-3: a <c>fhirUser</c> as an absolute URL of the user's resource (relative references resolve against the FHIR base).</summary>
    public string AbsoluteFhirUser(string fhirUser) =>
        Uri.TryCreate(fhirUser, UriKind.Absolute, out _) ? fhirUser : Combine(fhirUser);
}
