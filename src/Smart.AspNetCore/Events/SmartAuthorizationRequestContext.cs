using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Events;

/// <summary>The context of <see cref="SmartOnFhirEvents.ValidateAuthorizationRequest"/>.</summary>
public sealed class SmartAuthorizationRequestContext
{
    internal SmartAuthorizationRequestContext(HttpContext httpContext, SmartClient client, ClaimsPrincipal user, SmartScopeSet requestedScopes, SmartLaunchContext? launchContext)
    {
        HttpContext = httpContext;
        Client = client;
        User = user;
        RequestedScopes = requestedScopes;
        LaunchContext = launchContext;
    }

    /// <summary>The current request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The requesting client.</summary>
    public SmartClient Client { get; }

    /// <summary>The authenticated user.</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>The scopes the app asked for.</summary>
    public SmartScopeSet RequestedScopes { get; }

    /// <summary>The EHR launch context, when the request carried a <c>launch</c>.</summary>
    public SmartLaunchContext? LaunchContext { get; }

    /// <summary>
    /// What this user may delegate; the grant is requested ∩ client ∩ this (SCOPE-6). <see langword="null"/> (the
    /// default) leaves the grant to the client's allowed scopes and the user's consent.
    /// </summary>
    public SmartScopeSet? AllowedScopesForUser { get; set; }

    internal OAuthError? Rejection { get; private set; }

    /// <summary>Rejects the request; the app receives <paramref name="error"/> at its redirect URI.</summary>
    /// <param name="error">An RFC 6749 §4.1.2.1 error code, usually <c>access_denied</c>.</param>
    /// <param name="description">A description for the app developer (no PHI).</param>
    public void Reject(string error, string description)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        Rejection = SmartErrors.Authorize.RejectedByHost.CreateAs(error, description ?? string.Empty);
    }
}
