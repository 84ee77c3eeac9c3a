namespace Smart.AspNetCore.Grants;

/// <summary>An issued authorization code as stored (AUTHZ-10): bound to client, redirect URI, PKCE challenge and grant.</summary>
public sealed class SmartAuthorizationCode
{
    /// <summary>The grant the code conveys.</summary>
    public SmartGrant Grant { get; set; } = new();

    /// <summary>The exact <c>redirect_uri</c> of the authorization request.</summary>
    public string RedirectUri { get; set; } = string.Empty;

    /// <summary>The PKCE <c>code_challenge</c> (S256), or <see langword="null"/> when the request had none.</summary>
    public string? CodeChallenge { get; set; }

    /// <summary>The OpenID Connect <c>nonce</c> of the request.</summary>
    public string? Nonce { get; set; }

    /// <summary>When the code expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
