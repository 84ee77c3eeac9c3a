using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>
/// Validates an authorization request. Pure functions of the request, the client and the server metadata.
/// First the client and redirect URI, whose failure must not redirect (AUTHZ-4); then everything else, whose
/// failure redirects to the validated redirect URI with <c>error</c> and <c>state</c> (AUTHZ-5).
/// </summary>
internal static class AuthorizeRequestValidator
{
    private const int MaxStateLength = 2048;

    /// <summary>Checks client and redirect URI (AUTHZ-3, AUTHZ-4). A non-null result is shown to the user, never redirected.</summary>
    public static OAuthError? ValidateClientAndRedirectUri(AuthorizeRequest request, SmartClient? client)
    {
        if (request.ClientId is null)
        {
            return OAuthError.InvalidRequest("The client_id parameter is missing.");
        }

        if (client is null)
        {
            return OAuthError.InvalidClient("The client is not registered.");
        }

        if (request.RedirectUri is null)
        {
            return OAuthError.InvalidRequest("The redirect_uri parameter is missing.");
        }

        // AUTHZ-3: simple string comparison against the registered, fully specified redirect URIs.
        if (!client.RedirectUris.Contains(request.RedirectUri, StringComparer.Ordinal))
        {
            return OAuthError.InvalidRequest("The redirect_uri does not match a redirect URI registered for this client.");
        }

        if (request.RepeatedParameter is OAuthParameters.ClientId or OAuthParameters.RedirectUri)
        {
            return OAuthError.InvalidRequest($"The {request.RepeatedParameter} parameter is repeated.");
        }

        return null;
    }

    /// <summary>Checks the remaining parameters (AUTHZ-2, AUTHZ-7, AUTHZ-9). Errors are redirected with <c>state</c>.</summary>
    public static OAuthError? ValidateProtocol(AuthorizeRequest request, SmartClient client, SmartServerMetadata metadata)
    {
        if (request.RepeatedParameter is { } repeated)
        {
            return OAuthError.InvalidRequest($"The {repeated} parameter is repeated.");
        }

        if (request.ResponseMode is not null && !AuthorizeResponseModes.IsSupported(request.ResponseMode))
        {
            // Answered in the default (query) mode, as the requested one is unknown (OAuth 2.0 Multiple Response Types §2.1).
            return OAuthError.InvalidRequest("response_mode must be query or form_post.");
        }

        if (request.ResponseType is null)
        {
            return OAuthError.InvalidRequest("The response_type parameter is missing.");
        }

        if (!string.Equals(request.ResponseType, "code", StringComparison.Ordinal))
        {
            return new OAuthError(OAuthErrorCodes.UnsupportedResponseType, "Only response_type=code is supported.");
        }

        if (!client.GetEffectiveGrantTypes().Contains(SmartGrantTypes.AuthorizationCode))
        {
            return OAuthError.UnauthorizedClient("The client may not use the authorization code grant.");
        }

        if (request.State is null)
        {
            return OAuthError.InvalidRequest("The state parameter is missing.");
        }

        if (request.State.Length > MaxStateLength)
        {
            return OAuthError.InvalidRequest($"The state parameter is longer than {MaxStateLength} characters.");
        }

        if (request.Aud is null)
        {
            return OAuthError.InvalidRequest("The aud parameter is missing; it must be the FHIR base URL.");
        }

        if (!IsThisServer(request.Aud, metadata.Issuer))
        {
            return OAuthError.InvalidRequest("The aud parameter does not identify this FHIR server.");
        }

        var pkceError = ValidatePkce(request, client);
        if (pkceError is not null)
        {
            return pkceError;
        }

        if (request.Scope is null)
        {
            return OAuthError.InvalidScope("The scope parameter is missing.");
        }

        var scopes = SmartScopeSet.Parse(request.Scope);
        if (scopes.IsEmpty)
        {
            return OAuthError.InvalidScope("The scope parameter contains no valid scope.");
        }

        return null;
    }

    /// <summary>AUTHZ-7: <c>aud</c> must be this server's FHIR base (a trailing slash is tolerated).</summary>
    internal static bool IsThisServer(string aud, string issuer) =>
        string.Equals(aud, issuer, StringComparison.Ordinal)
        || (aud.Length == issuer.Length + 1 && aud[^1] == '/' && aud.StartsWith(issuer, StringComparison.Ordinal));

    private static OAuthError? ValidatePkce(AuthorizeRequest request, SmartClient client)
    {
        if (request.CodeChallenge is null)
        {
            return client.RequirePkce || client.Kind == SmartClientKind.Public
                ? OAuthError.InvalidRequest("PKCE is required: send code_challenge with code_challenge_method=S256.")
                : request.CodeChallengeMethod is null ? null : OAuthError.InvalidRequest("code_challenge_method was sent without code_challenge.");
        }

        // RFC 7636 §4.3: an absent method means "plain", which SMART forbids (AUTHZ-9).
        if (!string.Equals(request.CodeChallengeMethod, "S256", StringComparison.Ordinal))
        {
            return OAuthError.InvalidRequest("code_challenge_method must be S256; plain is not supported.");
        }

        // A S256 challenge is the base64url SHA-256 of the verifier: exactly 43 characters.
        if (request.CodeChallenge.Length != 43 || !IsBase64Url(request.CodeChallenge))
        {
            return OAuthError.InvalidRequest("code_challenge is not a base64url-encoded SHA-256 value.");
        }

        return null;
    }

    private static bool IsBase64Url(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
