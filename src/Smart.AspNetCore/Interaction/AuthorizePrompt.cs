namespace Smart.AspNetCore.Interaction;

/// <summary>
/// The OpenID Connect <c>prompt</c> values the authorization endpoint supports (OpenID Connect Core §3.1.2.1). Values
/// it does not know (<c>select_account</c>, <c>create</c>) are ignored, as the specification allows.
/// </summary>
[Flags]
internal enum AuthorizePrompt
{
    /// <summary>No prompt parameter.</summary>
    Default = 0,

    /// <summary><c>none</c>: never show a page; answer <c>login_required</c>, <c>consent_required</c> or <c>interaction_required</c>.</summary>
    None = 1,

    /// <summary><c>login</c>: the user signs in again.</summary>
    Login = 2,

    /// <summary><c>consent</c>: the consent page is shown even when consent is remembered or the client is trusted.</summary>
    Consent = 4,
}
