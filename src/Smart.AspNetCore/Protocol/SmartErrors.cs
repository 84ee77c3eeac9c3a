namespace Smart.AspNetCore.Protocol;

/// <summary>
/// The catalogue of every protocol error the library returns, each with a stable id (<c>SMART-AREA-nnn</c>) that is logged
/// with the refusal and listed in docs/errors.md (generated from this class by ErrorCatalogueTests). Ids are never reused
/// or renumbered; a retired error keeps its id out of use. Descriptions are for developers and never hold secrets, tokens or
/// patient data; <c>{0}</c> marks a value filled in at the call site.
/// </summary>
internal static class SmartErrors
{
    /// <summary>The authorization endpoint (302 = redirected to the client with error and state; 400 = the error page, never redirected).</summary>
    public static class Authorize
    {
        public static readonly SmartErrorDescriptor ClientIdMissing = new("SMART-AUTHZ-001", OAuthErrorCodes.InvalidRequest, 400, "The client_id parameter is missing.");

        public static readonly SmartErrorDescriptor ClientNotRegistered = new("SMART-AUTHZ-002", OAuthErrorCodes.InvalidClient, 400, "The client is not registered.");

        public static readonly SmartErrorDescriptor RedirectUriMissing = new("SMART-AUTHZ-003", OAuthErrorCodes.InvalidRequest, 400, "The redirect_uri parameter is missing.");

        public static readonly SmartErrorDescriptor RedirectUriNotRegistered = new("SMART-AUTHZ-004", OAuthErrorCodes.InvalidRequest, 400, "The redirect_uri does not match a redirect URI registered for this client.");

        public static readonly SmartErrorDescriptor ParameterRepeated = new("SMART-AUTHZ-005", OAuthErrorCodes.InvalidRequest, 302, "The {0} parameter is repeated.");

        public static readonly SmartErrorDescriptor ResponseTypeMissing = new("SMART-AUTHZ-006", OAuthErrorCodes.InvalidRequest, 302, "The response_type parameter is missing.");

        public static readonly SmartErrorDescriptor ResponseTypeUnsupported = new("SMART-AUTHZ-007", OAuthErrorCodes.UnsupportedResponseType, 302, "Only response_type=code is supported.");

        public static readonly SmartErrorDescriptor AuthorizationCodeGrantNotAllowed = new("SMART-AUTHZ-008", OAuthErrorCodes.UnauthorizedClient, 302, "The client may not use the authorization code grant.");

        public static readonly SmartErrorDescriptor StateMissing = new("SMART-AUTHZ-009", OAuthErrorCodes.InvalidRequest, 302, "The state parameter is missing.");

        public static readonly SmartErrorDescriptor StateTooLong = new("SMART-AUTHZ-010", OAuthErrorCodes.InvalidRequest, 302, "The state parameter is longer than {0} characters.");

        public static readonly SmartErrorDescriptor AudienceMissing = new("SMART-AUTHZ-011", OAuthErrorCodes.InvalidRequest, 302, "The aud parameter is missing; it must be the FHIR base URL.");

        public static readonly SmartErrorDescriptor AudienceMismatch = new("SMART-AUTHZ-012", OAuthErrorCodes.InvalidRequest, 302, "The aud parameter does not identify this FHIR server.");

        public static readonly SmartErrorDescriptor ScopeMissing = new("SMART-AUTHZ-013", OAuthErrorCodes.InvalidScope, 302, "The scope parameter is missing.");

        public static readonly SmartErrorDescriptor ScopeInvalid = new("SMART-AUTHZ-014", OAuthErrorCodes.InvalidScope, 302, "The scope parameter contains no valid scope.");

        public static readonly SmartErrorDescriptor PkceRequired = new("SMART-AUTHZ-015", OAuthErrorCodes.InvalidRequest, 302, "PKCE is required: send code_challenge with code_challenge_method=S256.");

        public static readonly SmartErrorDescriptor PkceMethodWithoutChallenge = new("SMART-AUTHZ-016", OAuthErrorCodes.InvalidRequest, 302, "code_challenge_method was sent without code_challenge.");

        public static readonly SmartErrorDescriptor PkceMethodUnsupported = new("SMART-AUTHZ-017", OAuthErrorCodes.InvalidRequest, 302, "code_challenge_method must be S256; plain is not supported.");

        public static readonly SmartErrorDescriptor PkceChallengeMalformed = new("SMART-AUTHZ-018", OAuthErrorCodes.InvalidRequest, 302, "code_challenge is not a base64url-encoded SHA-256 value.");

        public static readonly SmartErrorDescriptor PostNotForm = new("SMART-AUTHZ-019", OAuthErrorCodes.InvalidRequest, 400, "POST requests must be application/x-www-form-urlencoded.");

        public static readonly SmartErrorDescriptor PendingRequestUnknown = new("SMART-AUTHZ-020", OAuthErrorCodes.InvalidRequest, 400, "This authorization request has expired or is unknown. Start the app again.");

        public static readonly SmartErrorDescriptor LaunchUnknown = new("SMART-AUTHZ-021", OAuthErrorCodes.InvalidRequest, 302, "The launch parameter is unknown, expired or already used.");

        public static readonly SmartErrorDescriptor LaunchForOtherClient = new("SMART-AUTHZ-022", OAuthErrorCodes.InvalidRequest, 302, "The launch was not started for this client.");

        public static readonly SmartErrorDescriptor ClientNoLongerRegistered = new("SMART-AUTHZ-023", OAuthErrorCodes.InvalidClient, 400, "The client is no longer registered.");

        public static readonly SmartErrorDescriptor UserDenied = new("SMART-AUTHZ-024", OAuthErrorCodes.AccessDenied, 302, "The user denied the request.");

        public static readonly SmartErrorDescriptor UserChanged = new("SMART-AUTHZ-025", OAuthErrorCodes.AccessDenied, 302, "The signed-in user changed during authorization.");

        public static readonly SmartErrorDescriptor LaunchByOtherUser = new("SMART-AUTHZ-026", OAuthErrorCodes.InvalidRequest, 302, "The launch was started by a different user.");

        public static readonly SmartErrorDescriptor NoScopeApproved = new("SMART-AUTHZ-027", OAuthErrorCodes.AccessDenied, 302, "The user approved none of the requested scopes.");

        public static readonly SmartErrorDescriptor NoScopeGrantable = new("SMART-AUTHZ-028", OAuthErrorCodes.InvalidScope, 302, "None of the requested scopes may be granted to this client.");

        public static readonly SmartErrorDescriptor RejectedByHost = new("SMART-AUTHZ-029", OAuthErrorCodes.AccessDenied, 302, "{0}");

        public static readonly SmartErrorDescriptor ResponseModeUnsupported = new("SMART-AUTHZ-030", OAuthErrorCodes.InvalidRequest, 302, "response_mode must be query or form_post.");

        public static readonly SmartErrorDescriptor PromptNoneCombined = new("SMART-AUTHZ-031", OAuthErrorCodes.InvalidRequest, 302, "prompt=none cannot be combined with other prompt values.");

        public static readonly SmartErrorDescriptor MaxAgeInvalid = new("SMART-AUTHZ-032", OAuthErrorCodes.InvalidRequest, 302, "max_age must be a non-negative number of seconds.");

        public static readonly SmartErrorDescriptor LoginRequired = new("SMART-AUTHZ-033", OAuthErrorCodes.LoginRequired, 302, "prompt=none, but the user must sign in.");

        public static readonly SmartErrorDescriptor ConsentRequired = new("SMART-AUTHZ-034", OAuthErrorCodes.ConsentRequired, 302, "prompt=none, but the user would have to approve the request.");

        public static readonly SmartErrorDescriptor InteractionRequired = new("SMART-AUTHZ-035", OAuthErrorCodes.InteractionRequired, 302, "prompt=none, but the user would have to pick a patient.");

        public static readonly SmartErrorDescriptor ReauthenticationFailed = new("SMART-AUTHZ-036", OAuthErrorCodes.LoginRequired, 302, "prompt=login or max_age asked the user to sign in again, and the host did not report a new sign-in (auth_time).");
    }

    /// <summary>Client authentication at the token, introspection and revocation endpoints (401 when the client used HTTP Basic).</summary>
    public static class ClientAuthentication
    {
        public static readonly SmartErrorDescriptor MultipleMethods = new("SMART-CLIENT-001", OAuthErrorCodes.InvalidRequest, 400, "Use exactly one client authentication method.");

        public static readonly SmartErrorDescriptor BasicMalformed = new("SMART-CLIENT-002", OAuthErrorCodes.InvalidClient, 401, "The Authorization header is not valid HTTP Basic credentials.");

        public static readonly SmartErrorDescriptor ClientIdMismatch = new("SMART-CLIENT-003", OAuthErrorCodes.InvalidClient, 401, "client_id does not match the authenticated client.");

        public static readonly SmartErrorDescriptor AssertionTypeInvalid = new("SMART-CLIENT-004", OAuthErrorCodes.InvalidClient, 400, "client_assertion_type must be {0}.");

        public static readonly SmartErrorDescriptor AssertionMissing = new("SMART-CLIENT-005", OAuthErrorCodes.InvalidClient, 400, "The client_assertion parameter is missing.");

        public static readonly SmartErrorDescriptor ClientIdMissing = new("SMART-CLIENT-006", OAuthErrorCodes.InvalidRequest, 400, "The client_id parameter is missing.");

        public static readonly SmartErrorDescriptor ClientNotRegistered = new("SMART-CLIENT-007", OAuthErrorCodes.InvalidClient, 400, "The client is not registered.");

        public static readonly SmartErrorDescriptor AuthenticationRequired = new("SMART-CLIENT-008", OAuthErrorCodes.InvalidClient, 400, "This client must authenticate.");

        public static readonly SmartErrorDescriptor SecretInvalid = new("SMART-CLIENT-009", OAuthErrorCodes.InvalidClient, 401, "Client authentication failed.");

        public static readonly SmartErrorDescriptor AssertionInvalid = new("SMART-CLIENT-010", OAuthErrorCodes.InvalidClient, 400, "The client assertion is invalid: {0}");
    }

    /// <summary>The token endpoint.</summary>
    public static class Token
    {
        public static readonly SmartErrorDescriptor NotForm = new("SMART-TOKEN-001", OAuthErrorCodes.InvalidRequest, 400, "Token requests must be POST application/x-www-form-urlencoded.");

        public static readonly SmartErrorDescriptor ParameterRepeated = new("SMART-TOKEN-002", OAuthErrorCodes.InvalidRequest, 400, "The {0} parameter is repeated.");

        public static readonly SmartErrorDescriptor GrantTypeMissing = new("SMART-TOKEN-003", OAuthErrorCodes.InvalidRequest, 400, "The grant_type parameter is missing.");

        public static readonly SmartErrorDescriptor GrantTypeNotAllowed = new("SMART-TOKEN-004", OAuthErrorCodes.UnauthorizedClient, 400, "The client may not use the {0} grant.");

        public static readonly SmartErrorDescriptor GrantTypeUnsupported = new("SMART-TOKEN-005", OAuthErrorCodes.UnsupportedGrantType, 400, "The grant_type is not supported.");

        public static readonly SmartErrorDescriptor CodeMissing = new("SMART-TOKEN-006", OAuthErrorCodes.InvalidRequest, 400, "The code parameter is missing.");

        public static readonly SmartErrorDescriptor RedirectUriMissing = new("SMART-TOKEN-007", OAuthErrorCodes.InvalidRequest, 400, "The redirect_uri parameter is missing.");

        public static readonly SmartErrorDescriptor CodeInvalid = new("SMART-TOKEN-008", OAuthErrorCodes.InvalidGrant, 400, "The authorization code is invalid, expired or already used.");

        public static readonly SmartErrorDescriptor CodeForOtherClient = new("SMART-TOKEN-009", OAuthErrorCodes.InvalidGrant, 400, "The authorization code was issued to another client.");

        public static readonly SmartErrorDescriptor RedirectUriMismatch = new("SMART-TOKEN-010", OAuthErrorCodes.InvalidGrant, 400, "redirect_uri does not match the authorization request.");

        public static readonly SmartErrorDescriptor PkceDowngrade = new("SMART-TOKEN-011", OAuthErrorCodes.InvalidGrant, 400, "code_verifier was sent for a code issued without code_challenge.");

        public static readonly SmartErrorDescriptor PkceVerifierInvalid = new("SMART-TOKEN-012", OAuthErrorCodes.InvalidGrant, 400, "code_verifier is missing or does not match the code_challenge.");

        public static readonly SmartErrorDescriptor RefreshTokenMissing = new("SMART-TOKEN-013", OAuthErrorCodes.InvalidRequest, 400, "The refresh_token parameter is missing.");

        public static readonly SmartErrorDescriptor RefreshTokenInvalid = new("SMART-TOKEN-014", OAuthErrorCodes.InvalidGrant, 400, "The refresh token is invalid, expired or revoked.");

        public static readonly SmartErrorDescriptor RefreshTokenForOtherClient = new("SMART-TOKEN-015", OAuthErrorCodes.InvalidGrant, 400, "The refresh token was issued to another client.");

        public static readonly SmartErrorDescriptor ScopeInvalid = new("SMART-TOKEN-016", OAuthErrorCodes.InvalidScope, 400, "The scope parameter contains an invalid scope.");

        public static readonly SmartErrorDescriptor ScopeExceedsGrant = new("SMART-TOKEN-017", OAuthErrorCodes.InvalidScope, 400, "The requested scope exceeds the original grant.");

        public static readonly SmartErrorDescriptor ClientCredentialsNotAllowed = new("SMART-TOKEN-018", OAuthErrorCodes.UnauthorizedClient, 400, "client_credentials is only for backend service clients authenticated with private_key_jwt.");

        public static readonly SmartErrorDescriptor BackendScopeMissing = new("SMART-TOKEN-019", OAuthErrorCodes.InvalidRequest, 400, "The scope parameter is missing (BACKEND-1).");

        public static readonly SmartErrorDescriptor BackendScopeNotSystem = new("SMART-TOKEN-020", OAuthErrorCodes.InvalidScope, 400, "Backend services may only request system/ scopes; '{0}' is not one.");

        public static readonly SmartErrorDescriptor NoScopeGrantable = new("SMART-TOKEN-021", OAuthErrorCodes.InvalidScope, 400, "None of the requested scopes may be granted to this client.");
    }

    /// <summary>The introspection endpoint (RFC 7662).</summary>
    public static class Introspection
    {
        public static readonly SmartErrorDescriptor NotForm = new("SMART-INTROSPECT-001", OAuthErrorCodes.InvalidRequest, 400, "Introspection requests must be POST application/x-www-form-urlencoded.");

        public static readonly SmartErrorDescriptor BearerNotBackendService = new("SMART-INTROSPECT-002", OAuthErrorCodes.InvalidToken, 401, "The bearer token is not an active access token of a backend service client.");

        public static readonly SmartErrorDescriptor ClientNotConfidential = new("SMART-INTROSPECT-003", OAuthErrorCodes.InvalidClient, 401, "Only confidential clients may introspect tokens.");

        public static readonly SmartErrorDescriptor ClientAuthenticationFailed = new("SMART-INTROSPECT-004", OAuthErrorCodes.InvalidClient, 401, "{0}");

        public static readonly SmartErrorDescriptor TokenParameterInvalid = new("SMART-INTROSPECT-005", OAuthErrorCodes.InvalidRequest, 400, "Send exactly one token parameter.");
    }

    /// <summary>The revocation endpoint (RFC 7009).</summary>
    public static class Revocation
    {
        public static readonly SmartErrorDescriptor NotForm = new("SMART-REVOKE-001", OAuthErrorCodes.InvalidRequest, 400, "Revocation requests must be POST application/x-www-form-urlencoded.");

        public static readonly SmartErrorDescriptor TokenParameterInvalid = new("SMART-REVOKE-002", OAuthErrorCodes.InvalidRequest, 400, "Send exactly one token parameter.");
    }

    /// <summary>The resource server (RFC 6750 challenges, OperationOutcome bodies).</summary>
    public static class ResourceServer
    {
        public static readonly SmartErrorDescriptor TokenExpired = new("SMART-RS-001", OAuthErrorCodes.InvalidToken, 401, "The access token expired.");

        public static readonly SmartErrorDescriptor TokenNotYetValid = new("SMART-RS-002", OAuthErrorCodes.InvalidToken, 401, "The access token is not yet valid.");

        public static readonly SmartErrorDescriptor TokenAudienceInvalid = new("SMART-RS-003", OAuthErrorCodes.InvalidToken, 401, "The access token was not issued for this FHIR server.");

        public static readonly SmartErrorDescriptor TokenIssuerInvalid = new("SMART-RS-004", OAuthErrorCodes.InvalidToken, 401, "The access token was not issued by this server.");

        public static readonly SmartErrorDescriptor TokenTypeInvalid = new("SMART-RS-005", OAuthErrorCodes.InvalidToken, 401, "The token is not an access token (typ at+jwt).");

        public static readonly SmartErrorDescriptor TokenRevoked = new("SMART-RS-006", OAuthErrorCodes.InvalidToken, 401, "The access token was revoked.");

        public static readonly SmartErrorDescriptor TokenInvalid = new("SMART-RS-007", OAuthErrorCodes.InvalidToken, 401, "The access token is invalid.");

        public static readonly SmartErrorDescriptor AccessDenied = new("SMART-RS-008", OAuthErrorCodes.InsufficientScope, 403, "{0}");
    }

    /// <summary>Reading a request at the authorization server endpoints: framing, encoding and the request limits.</summary>
    public static class Request
    {
        public static readonly SmartErrorDescriptor ContentTypeInvalid = new("SMART-REQUEST-001", OAuthErrorCodes.InvalidRequest, 400, "{0}");

        public static readonly SmartErrorDescriptor BodyTooLarge = new("SMART-REQUEST-002", OAuthErrorCodes.InvalidRequest, 400, "The request body is larger than {0} bytes.");

        public static readonly SmartErrorDescriptor BodyUnreadable = new("SMART-REQUEST-003", OAuthErrorCodes.InvalidRequest, 400, "The request body could not be read.");

        public static readonly SmartErrorDescriptor FormBeyondLimits = new("SMART-REQUEST-004", OAuthErrorCodes.InvalidRequest, 400, "{0}");

        public static readonly SmartErrorDescriptor FormEncodingInvalid = new("SMART-REQUEST-005", OAuthErrorCodes.InvalidRequest, 400, "The form is not validly encoded.");

        public static readonly SmartErrorDescriptor TooManyParameters = new("SMART-REQUEST-006", OAuthErrorCodes.InvalidRequest, 400, "The request has more than {0} parameters.");

        public static readonly SmartErrorDescriptor ParameterNameTooLong = new("SMART-REQUEST-007", OAuthErrorCodes.InvalidRequest, 400, "A parameter name is longer than {0} characters.");

        public static readonly SmartErrorDescriptor ParameterNameControlCharacter = new("SMART-REQUEST-008", OAuthErrorCodes.InvalidRequest, 400, "A parameter name contains a control character.");

        public static readonly SmartErrorDescriptor ValueTooLong = new("SMART-REQUEST-009", OAuthErrorCodes.InvalidRequest, 400, "{0}");

        public static readonly SmartErrorDescriptor ValueControlCharacter = new("SMART-REQUEST-010", OAuthErrorCodes.InvalidRequest, 400, "{0}");

        public static readonly SmartErrorDescriptor ScopeTooLong = new("SMART-REQUEST-011", OAuthErrorCodes.InvalidRequest, 400, "The scope parameter is longer than {0} characters.");

        public static readonly SmartErrorDescriptor TooManyScopes = new("SMART-REQUEST-012", OAuthErrorCodes.InvalidRequest, 400, "The scope parameter has more than {0} scopes.");
    }

    /// <summary>The server's own condition: an unforeseen failure, a store that cannot be reached, a rate limit.</summary>
    public static class Server
    {
        public static readonly SmartErrorDescriptor UnexpectedFailure = new("SMART-SERVER-001", OAuthErrorCodes.ServerError, 500, "The server encountered an unexpected condition.");

        public static readonly SmartErrorDescriptor StoreUnavailable = new("SMART-SERVER-002", OAuthErrorCodes.TemporarilyUnavailable, 503, "The authorization server's storage is temporarily unavailable; try again shortly.");

        public static readonly SmartErrorDescriptor Throttled = new("SMART-SERVER-003", OAuthErrorCodes.TemporarilyUnavailable, 429, "Too many requests or failed client authentications; retry after {0} seconds.");
    }
}
