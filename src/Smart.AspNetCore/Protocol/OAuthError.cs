namespace Smart.AspNetCore.Protocol;

/// <summary>A protocol error as a value: an RFC 6749 error code and a human-readable description.</summary>
/// <param name="Error">The error code, one of <see cref="OAuthErrorCodes"/>.</param>
/// <param name="Description">A description for developers; never contains secrets, tokens or patient data.</param>
internal sealed record OAuthError(string Error, string Description)
{
    public static OAuthError InvalidRequest(string description) => new(OAuthErrorCodes.InvalidRequest, description);

    public static OAuthError InvalidClient(string description) => new(OAuthErrorCodes.InvalidClient, description);

    public static OAuthError InvalidGrant(string description) => new(OAuthErrorCodes.InvalidGrant, description);

    public static OAuthError InvalidScope(string description) => new(OAuthErrorCodes.InvalidScope, description);

    public static OAuthError UnauthorizedClient(string description) => new(OAuthErrorCodes.UnauthorizedClient, description);

    public static OAuthError AccessDenied(string description) => new(OAuthErrorCodes.AccessDenied, description);
}
