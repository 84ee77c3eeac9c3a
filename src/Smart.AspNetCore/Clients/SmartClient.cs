namespace Smart.AspNetCore.Clients;

/// <summary>
/// A registered SMART app. Returned by the host's <see cref="IClientRegistry"/>; every client is checked by the
/// library before use and a bad registration fails closed.
/// </summary>
public sealed class SmartClient
{
    /// <summary>The OAuth <c>client_id</c>.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>A display name shown on consent pages.</summary>
    public string? ClientName { get; set; }

    /// <summary>How the client authenticates. Default <see cref="SmartClientKind.Public"/>.</summary>
    public SmartClientKind Kind { get; set; } = SmartClientKind.Public;

    /// <summary>
    /// Fully specified redirect URIs, compared as exact strings (AUTHZ-3). HTTPS, or HTTP on a loopback host for
    /// native apps and development, or a private-use scheme containing a dot (RFC 8252 §7.1).
    /// </summary>
    public IList<string> RedirectUris { get; } = new List<string>();

    /// <summary>The app's launch URL, opened by the EHR with <c>iss</c> and <c>launch</c> (AUTHZ-15).</summary>
    public string? LaunchUrl { get; set; }

    /// <summary>
    /// The scopes this client may be granted, as SMART scope words (for example <c>patient/*.rs</c>,
    /// <c>launch</c>, <c>openid</c>). Requested scopes are intersected with these (SCOPE-6).
    /// </summary>
    public IList<string> AllowedScopes { get; } = new List<string>();

    /// <summary>
    /// Grant types the client may use. When empty, <c>authorization_code</c> and <c>refresh_token</c> are assumed,
    /// or <c>client_credentials</c> for a <see cref="SmartClientKind.BackendService"/>.
    /// </summary>
    public IList<string> AllowedGrantTypes { get; } = new List<string>();

    /// <summary>Hashed secrets of a <see cref="SmartClientKind.ConfidentialSymmetric"/> client; several allow rotation.</summary>
    public IList<SmartClientSecret> Secrets { get; } = new List<SmartClientSecret>();

    /// <summary>An inline JSON Web Key Set with the client's public keys (asymmetric and backend clients).</summary>
    public string? Jwks { get; set; }

    /// <summary>The HTTPS URL of the client's JSON Web Key Set (preferred over an inline set, CLIENT-2).</summary>
    public Uri? JwksUri { get; set; }

    /// <summary>
    /// Whether PKCE (<c>S256</c>) is required. Always <see langword="true"/> for public clients; the default is
    /// <see langword="true"/> for every client (AUTHZ-9, SEC-10).
    /// </summary>
    public bool RequirePkce { get; set; } = true;

    /// <summary>Overrides <see cref="SmartLifetimeOptions.AccessToken"/> for this client.</summary>
    public TimeSpan? AccessTokenLifetime { get; set; }

    /// <summary>Overrides the refresh-token lifetimes of <see cref="SmartLifetimeOptions"/> for this client.</summary>
    public TimeSpan? RefreshTokenLifetime { get; set; }

    /// <summary>Whether the user is asked to approve the requested scopes. Default <see cref="SmartConsentPolicy.Required"/>.</summary>
    public SmartConsentPolicy Consent { get; set; } = SmartConsentPolicy.Required;

    /// <summary>Browser origins (<c>scheme://host[:port]</c>) allowed to call the token endpoint and FHIR API (TOKEN-13, RS-10).</summary>
    public IList<string> AllowedCorsOrigins { get; } = new List<string>();

    /// <summary>The grant types in effect, applying the defaults described on <see cref="AllowedGrantTypes"/>.</summary>
    /// <returns>The effective grant types.</returns>
    public IReadOnlyList<string> GetEffectiveGrantTypes() => AllowedGrantTypes.Count > 0
        ? [.. AllowedGrantTypes]
        : Kind == SmartClientKind.BackendService
            ? [SmartGrantTypes.ClientCredentials]
            : [SmartGrantTypes.AuthorizationCode, SmartGrantTypes.RefreshToken];
}
