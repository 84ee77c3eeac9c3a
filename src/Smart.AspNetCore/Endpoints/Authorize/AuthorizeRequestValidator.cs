using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Interaction;
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
            return SmartErrors.Authorize.ClientIdMissing.Create();
        }

        if (client is null)
        {
            return SmartErrors.Authorize.ClientNotRegistered.Create();
        }

        if (request.RedirectUri is null)
        {
            return SmartErrors.Authorize.RedirectUriMissing.Create();
        }

        // AUTHZ-3: simple string comparison against the registered, fully specified redirect URIs.
        if (!client.RedirectUris.Contains(request.RedirectUri, StringComparer.Ordinal))
        {
            return SmartErrors.Authorize.RedirectUriNotRegistered.Create();
        }

        if (request.RepeatedParameter is OAuthParameters.ClientId or OAuthParameters.RedirectUri)
        {
            return SmartErrors.Authorize.ParameterRepeated.Create(request.RepeatedParameter);
        }

        return null;
    }

    /// <summary>Checks the remaining parameters (AUTHZ-2, AUTHZ-7, AUTHZ-9). Errors are redirected with <c>state</c>.</summary>
    public static OAuthError? ValidateProtocol(AuthorizeRequest request, SmartClient client, SmartServerMetadata metadata)
    {
        if (request.RepeatedParameter is { } repeated)
        {
            return SmartErrors.Authorize.ParameterRepeated.Create(repeated);
        }

        if (request.ResponseMode is not null && !AuthorizeResponseModes.IsSupported(request.ResponseMode))
        {
            // Answered in the default (query) mode, as the requested one is unknown (OAuth 2.0 Multiple Response Types §2.1).
            return SmartErrors.Authorize.ResponseModeUnsupported.Create();
        }

        if (request.ResponseType is null)
        {
            return SmartErrors.Authorize.ResponseTypeMissing.Create();
        }

        if (!string.Equals(request.ResponseType, "code", StringComparison.Ordinal))
        {
            return SmartErrors.Authorize.ResponseTypeUnsupported.Create();
        }

        if (!client.GetEffectiveGrantTypes().Contains(SmartGrantTypes.AuthorizationCode))
        {
            return SmartErrors.Authorize.AuthorizationCodeGrantNotAllowed.Create();
        }

        if (request.State is null)
        {
            return SmartErrors.Authorize.StateMissing.Create();
        }

        if (request.State.Length > MaxStateLength)
        {
            return SmartErrors.Authorize.StateTooLong.Create(MaxStateLength);
        }

        if (request.Aud is null)
        {
            return SmartErrors.Authorize.AudienceMissing.Create();
        }

        if (!IsThisServer(request.Aud, metadata.Issuer))
        {
            return SmartErrors.Authorize.AudienceMismatch.Create();
        }

        var pkceError = ValidatePkce(request, client);
        if (pkceError is not null)
        {
            return pkceError;
        }

        if (request.Scope is null)
        {
            return SmartErrors.Authorize.ScopeMissing.Create();
        }

        var scopes = SmartScopeSet.Parse(request.Scope);
        if (scopes.IsEmpty)
        {
            return SmartErrors.Authorize.ScopeInvalid.Create();
        }

        var prompt = AuthorizePrompts.Parse(request.Prompt);
        if (prompt.HasFlag(AuthorizePrompt.None) && prompt != AuthorizePrompt.None)
        {
            return SmartErrors.Authorize.PromptNoneCombined.Create();
        }

        if (request.MaxAge is not null && AuthorizePrompts.ParseMaxAge(request.MaxAge) is null)
        {
            return SmartErrors.Authorize.MaxAgeInvalid.Create();
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
                ? SmartErrors.Authorize.PkceRequired.Create()
                : request.CodeChallengeMethod is null ? null : SmartErrors.Authorize.PkceMethodWithoutChallenge.Create();
        }

        // RFC 7636 §4.3: an absent method means "plain", which SMART forbids (AUTHZ-9).
        if (!string.Equals(request.CodeChallengeMethod, "S256", StringComparison.Ordinal))
        {
            return SmartErrors.Authorize.PkceMethodUnsupported.Create();
        }

        // A S256 challenge is the base64url SHA-256 of the verifier: exactly 43 characters.
        if (request.CodeChallenge.Length != 43 || !IsBase64Url(request.CodeChallenge))
        {
            return SmartErrors.Authorize.PkceChallengeMalformed.Create();
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
