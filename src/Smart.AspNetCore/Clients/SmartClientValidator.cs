using System.Net;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.Clients;

/// <summary>
/// Checks a client registration. Pure: it looks at the registration only. Used at start-up for in-memory
/// clients and on every lookup from a host's registry (through <see cref="ValidatingClientRegistry"/>).
/// </summary>
internal static class SmartClientValidator
{
    private const int MaxClientIdLength = 200;

    /// <summary>Returns every problem with <paramref name="client"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(SmartClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var errors = new List<string>();

        if (string.IsNullOrEmpty(client.ClientId))
        {
            errors.Add("ClientId is required.");
        }
        else if (client.ClientId.Length > MaxClientIdLength || !IsPrintableAscii(client.ClientId))
        {
            errors.Add($"ClientId must be 1-{MaxClientIdLength} printable ASCII characters without spaces.");
        }

        if (!Enum.IsDefined(client.Kind))
        {
            errors.Add($"Kind '{client.Kind}' is not a known client kind.");
        }

        ValidateGrantTypes(client, errors);
        ValidateRedirectUris(client, errors);
        ValidateCredentials(client, errors);

        if (client.LaunchUrl is not null && !IsAllowedWebUrl(client.LaunchUrl))
        {
            errors.Add("LaunchUrl must be an absolute HTTPS URL (HTTP only on a loopback host) without a fragment.");
        }

        foreach (var scope in client.AllowedScopes)
        {
            if (!Scopes.SmartScope.TryParse(scope, out _))
            {
                errors.Add($"AllowedScopes contains '{scope}', which is not a valid SMART scope.");
            }
        }

        foreach (var origin in client.AllowedCorsOrigins)
        {
            if (!IsOrigin(origin))
            {
                errors.Add($"AllowedCorsOrigins contains '{origin}', which is not an origin (scheme://host[:port]).");
            }
        }

        if (client.AccessTokenLifetime is { } at && (at <= TimeSpan.Zero || at > TimeSpan.FromHours(24)))
        {
            errors.Add("AccessTokenLifetime must be positive and at most 24 hours.");
        }

        if (client.RefreshTokenLifetime is { } rt && rt <= TimeSpan.Zero)
        {
            errors.Add("RefreshTokenLifetime must be positive.");
        }

        if (client.Kind == SmartClientKind.BackendService && client.Consent != SmartConsentPolicy.Required)
        {
            // Consent does not apply to backend services; a Trusted flag there signals a confused registration.
            errors.Add("Consent does not apply to backend services; leave it at Required.");
        }

        return errors;
    }

    private static void ValidateGrantTypes(SmartClient client, List<string> errors)
    {
        foreach (var grantType in client.AllowedGrantTypes)
        {
            if (!SmartGrantTypes.IsKnown(grantType))
            {
                errors.Add($"AllowedGrantTypes contains '{grantType}', which is not supported (authorization_code, refresh_token, client_credentials).");
            }
        }

        var grants = client.GetEffectiveGrantTypes();
        if (grants.Contains(SmartGrantTypes.ClientCredentials) && client.Kind != SmartClientKind.BackendService)
        {
            errors.Add("Only BackendService clients may use client_credentials.");
        }

        if (client.Kind == SmartClientKind.BackendService && grants.Any(g => g != SmartGrantTypes.ClientCredentials))
        {
            errors.Add("BackendService clients may only use client_credentials.");
        }
    }

    private static void ValidateRedirectUris(SmartClient client, List<string> errors)
    {
        var usesCodeFlow = client.GetEffectiveGrantTypes().Contains(SmartGrantTypes.AuthorizationCode);
        if (usesCodeFlow && client.RedirectUris.Count == 0)
        {
            errors.Add("RedirectUris must contain at least one URI for the authorization_code grant.");
        }

        if (client.Kind == SmartClientKind.BackendService && client.RedirectUris.Count > 0)
        {
            errors.Add("BackendService clients have no redirect URIs.");
        }

        foreach (var redirectUri in client.RedirectUris)
        {
            if (!IsAllowedRedirectUri(redirectUri))
            {
                errors.Add($"RedirectUris contains '{redirectUri}': redirect URIs must be absolute, fully specified (no wildcard, no fragment), and use HTTPS, HTTP on a loopback host, or a private-use scheme containing a dot (AUTHZ-3, SEC-6).");
            }
        }
    }

    private static void ValidateCredentials(SmartClient client, List<string> errors)
    {
        switch (client.Kind)
        {
            case SmartClientKind.Public:
                if (!client.RequirePkce)
                {
                    errors.Add("Public clients must require PKCE (AUTHZ-9, SEC-10).");
                }

                if (client.Secrets.Count > 0 || client.Jwks is not null || client.JwksUri is not null)
                {
                    errors.Add("Public clients have no secrets or keys.");
                }

                break;
            case SmartClientKind.ConfidentialSymmetric:
                if (client.Secrets.Count == 0)
                {
                    errors.Add("ConfidentialSymmetric clients need at least one secret.");
                }

                foreach (var secret in client.Secrets)
                {
                    if (!IsSha256Base64(secret.Sha256))
                    {
                        errors.Add("Secrets must hold the base64 SHA-256 hash of the secret (use SmartClientSecret.FromPlainText).");
                    }
                }

                if (client.Jwks is not null || client.JwksUri is not null)
                {
                    errors.Add("ConfidentialSymmetric clients authenticate with secrets; remove Jwks/JwksUri.");
                }

                break;
            case SmartClientKind.ConfidentialAsymmetric:
            case SmartClientKind.BackendService:
                if (client.Secrets.Count > 0)
                {
                    errors.Add($"{client.Kind} clients authenticate with private_key_jwt; remove Secrets.");
                }

                ValidateKeys(client, errors);
                break;
        }
    }

    private static void ValidateKeys(SmartClient client, List<string> errors)
    {
        if (client.Jwks is null && client.JwksUri is null)
        {
            errors.Add($"{client.Kind} clients need Jwks or JwksUri.");
            return;
        }

        if (client.JwksUri is { } jwksUri && (!jwksUri.IsAbsoluteUri || jwksUri.Scheme != Uri.UriSchemeHttps) && !IsLoopbackHttp(jwksUri))
        {
            errors.Add("JwksUri must be an absolute HTTPS URL (SEC-8).");
        }

        if (client.Jwks is { } jwks)
        {
            try
            {
                var set = new JsonWebKeySet(jwks);
                if (set.Keys.Count == 0)
                {
                    errors.Add("Jwks contains no keys.");
                }

                foreach (var key in set.Keys)
                {
                    if (string.IsNullOrEmpty(key.Kid))
                    {
                        errors.Add("Every key in Jwks needs a kid (CLIENT-2).");
                    }

                    if (key.Kty is not ("RSA" or "EC"))
                    {
                        errors.Add($"Jwks key '{key.Kid}' has kty '{key.Kty}'; only RSA and EC keys are accepted.");
                    }

                    if (key.HasPrivateKey)
                    {
                        errors.Add($"Jwks key '{key.Kid}' contains private key material; register public keys only.");
                    }
                }
            }
            catch (ArgumentException)
            {
                errors.Add("Jwks is not a valid JSON Web Key Set.");
            }
        }
    }

    internal static bool IsAllowedRedirectUri(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Fragment)
            || value.Contains('*', StringComparison.Ordinal) || value.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            return IsLoopbackHttp(uri);
        }

        // RFC 8252 §7.1: private-use URI schemes for native apps use reverse domain names.
        return uri.Scheme.Contains('.', StringComparison.Ordinal);
    }

    internal static bool IsAllowedWebUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Scheme == Uri.UriSchemeHttps || IsLoopbackHttp(uri));

    internal static bool IsLoopbackHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp && IsLoopbackHost(uri);

    internal static bool IsLoopbackHost(Uri uri) =>
        uri.IsLoopback || string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));

    internal static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.Equals(value.TrimEnd('/'), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
        && !value.EndsWith('/');

    private static bool IsSha256Base64(string value)
    {
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
