using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;

namespace Smart.AspNetCore.Events;

/// <summary>The context of <see cref="SmartOnFhirEvents.IssuingTokens"/>.</summary>
public sealed class SmartTokenIssuingContext
{
    internal SmartTokenIssuingContext(HttpContext httpContext, SmartClient client, SmartGrant grant, string grantType)
    {
        HttpContext = httpContext;
        Client = client;
        Grant = grant;
        GrantType = grantType;
    }

    /// <summary>The current request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The authenticated client.</summary>
    public SmartClient Client { get; }

    /// <summary>The grant tokens are issued for (its <see cref="SmartGrant.Scope"/> is what the access token carries).</summary>
    public SmartGrant Grant { get; }

    /// <summary>The grant type of the token request.</summary>
    public string GrantType { get; }

    /// <summary>Extra claims for the access token (string, number, boolean or JSON-serialisable values). Registered claim names are ignored.</summary>
    public IDictionary<string, object> AccessTokenClaims { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>Extra top-level token response members (names should be URIs or start with <c>__</c>, SCOPE-11).</summary>
    public IDictionary<string, string> ResponseParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
