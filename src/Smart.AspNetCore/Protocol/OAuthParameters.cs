namespace Smart.AspNetCore.Protocol;

/// <summary>Request and response parameter names used by the endpoints.</summary>
internal static class OAuthParameters
{
    public const string ResponseType = "response_type";
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string RedirectUri = "redirect_uri";
    public const string Scope = "scope";
    public const string State = "state";
    public const string Aud = "aud";
    public const string Resource = "resource";
    public const string Launch = "launch";
    public const string CodeChallenge = "code_challenge";
    public const string CodeChallengeMethod = "code_challenge_method";
    public const string CodeVerifier = "code_verifier";
    public const string Nonce = "nonce";
    public const string Code = "code";
    public const string GrantType = "grant_type";
    public const string RefreshToken = "refresh_token";
    public const string Error = "error";
    public const string ErrorDescription = "error_description";
    public const string RequestId = "request_id";
    public const string ClientAssertion = "client_assertion";
    public const string ClientAssertionType = "client_assertion_type";
    public const string Token = "token";
    public const string TokenTypeHint = "token_type_hint";
    public const string ResponseMode = "response_mode";
    public const string Prompt = "prompt";
    public const string MaxAge = "max_age";
    public const string Iss = "iss";
}
