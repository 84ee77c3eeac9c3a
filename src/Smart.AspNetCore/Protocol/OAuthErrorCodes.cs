namespace Smart.AspNetCore.Protocol;

/// <summary>OAuth 2.0 error codes (RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1, RFC 7009 §2.2.1).</summary>
public static class OAuthErrorCodes
{
    /// <summary>The request is missing a parameter, repeats one, or is otherwise malformed.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>Client authentication failed.</summary>
    public const string InvalidClient = "invalid_client";

    /// <summary>The code, refresh token or credentials are invalid, expired, revoked or were issued to another client.</summary>
    public const string InvalidGrant = "invalid_grant";

    /// <summary>The client may not use this grant type or response type.</summary>
    public const string UnauthorizedClient = "unauthorized_client";

    /// <summary>The grant type is not supported.</summary>
    public const string UnsupportedGrantType = "unsupported_grant_type";

    /// <summary>The response type is not supported.</summary>
    public const string UnsupportedResponseType = "unsupported_response_type";

    /// <summary>The requested scope is invalid, unknown or exceeds what was granted.</summary>
    public const string InvalidScope = "invalid_scope";

    /// <summary>The user or the server denied the request.</summary>
    public const string AccessDenied = "access_denied";

    /// <summary>An unexpected condition prevented the server from fulfilling the request.</summary>
    public const string ServerError = "server_error";

    /// <summary>The server is temporarily unable to handle the request.</summary>
    public const string TemporarilyUnavailable = "temporarily_unavailable";

    /// <summary>The access token is expired, revoked, malformed or invalid (RFC 6750).</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>The access token lacks the scope the request needs (RFC 6750).</summary>
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>The token type cannot be revoked (RFC 7009).</summary>
    public const string UnsupportedTokenType = "unsupported_token_type";

    /// <summary><c>prompt=none</c>, but the user is not signed in or must sign in again (OpenID Connect Core §3.1.2.6).</summary>
    public const string LoginRequired = "login_required";

    /// <summary><c>prompt=none</c>, but the user would have to approve the request (OpenID Connect Core §3.1.2.6).</summary>
    public const string ConsentRequired = "consent_required";

    /// <summary><c>prompt=none</c>, but another page (a patient picker) would have to be shown (OpenID Connect Core §3.1.2.6).</summary>
    public const string InteractionRequired = "interaction_required";
}
