namespace Smart.AspNetCore.Protocol;

/// <summary>
/// The <c>response_mode</c> values the authorization endpoint supports: <c>query</c> (the default for
/// <c>response_type=code</c>, OAuth 2.0 Multiple Response Type Encoding Practices §2.1) and <c>form_post</c> (OAuth 2.0
/// Form Post Response Mode, the default of the ASP.NET Core OpenID Connect handler). <c>fragment</c> and the JWT-secured
/// modes are not supported and are refused with <c>invalid_request</c>.
/// </summary>
internal static class AuthorizeResponseModes
{
    public const string Query = "query";
    public const string FormPost = "form_post";

    public static bool IsSupported(string responseMode) =>
        string.Equals(responseMode, Query, StringComparison.Ordinal) || string.Equals(responseMode, FormPost, StringComparison.Ordinal);

    /// <summary>Whether a response in <paramref name="responseMode"/> is an auto-submitting form rather than a redirect.</summary>
    public static bool UsesFormPost(string? responseMode) =>
        string.Equals(responseMode, FormPost, StringComparison.Ordinal);
}
