using Smart.AspNetCore.Endpoints.Authorize;
using Smart.AspNetCore.Protocol;
namespace Smart.AspNetCore.Interaction;

/// <summary>The parameters of an authorization request (AUTHZ-2), empty values treated as absent.</summary>
internal sealed record AuthorizeRequest
{
    public string? ClientId { get; init; }

    public string? RedirectUri { get; init; }

    public string? ResponseType { get; init; }

    public string? Scope { get; init; }

    public string? State { get; init; }

    public string? Aud { get; init; }

    public string? Launch { get; init; }

    public string? CodeChallenge { get; init; }

    public string? CodeChallengeMethod { get; init; }

    public string? Nonce { get; init; }

    /// <summary><c>response_mode</c> as sent (OAuth 2.0 Multiple Response Types §2.1); <see cref="AuthorizeResponseModes"/> tells which are supported.</summary>
    public string? ResponseMode { get; init; }

    /// <summary><c>prompt</c> as sent: space-separated <c>none</c>, <c>login</c>, <c>consent</c> (OpenID Connect Core §3.1.2.1).</summary>
    public string? Prompt { get; init; }

    /// <summary><c>max_age</c> as sent: the allowed seconds since the user last authenticated (OpenID Connect Core §3.1.2.1).</summary>
    public string? MaxAge { get; init; }

    /// <summary>The first parameter that appeared more than once, if any (repeats are refused, RFC 6749 §3.1).</summary>
    public string? RepeatedParameter { get; init; }
}
