using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;

namespace Smart.AspNetCore.Events;

/// <summary>
/// The context of <see cref="SmartOnFhirEvents.TokenIssued"/>: tokens were issued and the response written. For
/// observation (a host's own audit or statistics); it never holds the tokens themselves.
/// </summary>
public sealed class SmartTokenIssuedContext
{
    internal SmartTokenIssuedContext(HttpContext httpContext, SmartClient client, SmartGrant grant, string grantType, string scope, string grantIdHash)
    {
        HttpContext = httpContext;
        Client = client;
        Grant = grant;
        GrantType = grantType;
        Scope = scope;
        GrantIdHash = grantIdHash;
    }

    /// <summary>The current request (its response has been written).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The authenticated client.</summary>
    public SmartClient Client { get; }

    /// <summary>The grant the tokens were issued for.</summary>
    public SmartGrant Grant { get; }

    /// <summary>The grant type of the token request (<c>authorization_code</c>, <c>refresh_token</c>, <c>client_credentials</c>).</summary>
    public string GrantType { get; }

    /// <summary>The scopes of the issued access token, space-separated.</summary>
    public string Scope { get; }

    /// <summary>The SHA-256 hash of the grant id (the access token's <c>gid</c> claim and the audit events' <c>GrantIdHash</c>).</summary>
    public string GrantIdHash { get; }
}
