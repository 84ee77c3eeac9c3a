using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.ResourceServer;

namespace Microsoft.AspNetCore.Http;

/// <summary>Access to the SMART access context of a request protected by <c>RequireSmartAuthorization()</c>.</summary>
public static class SmartHttpContextExtensions
{
    /// <summary>
    /// Gets the <see cref="SmartAccessContext"/> of the request: the scopes, launch context and identity of the
    /// validated SMART access token. Computed once per request from the principal and cached in <c>HttpContext.Features</c>.
    /// </summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>The access context, or <see langword="null"/> when the request carries no validated SMART access token.</returns>
    public static SmartAccessContext? GetSmartAccessContext(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cached = context.Features.Get<SmartAccessContext>();
        if (cached is not null)
        {
            return cached;
        }

        var identity = FindSmartIdentity(context.User);
        if (identity is null)
        {
            return null;
        }

        var metadata = context.RequestServices.GetService<SmartServerMetadata>();
        if (metadata is null)
        {
            return null;
        }

        var access = SmartAccessContext.FromIdentity(identity, metadata.Issuer);
        if (context.RequestServices.GetService<IOptions<SmartResourceServerOptions>>() is { } options)
        {
            access.RestrictedLabels = [.. options.Value.RestrictedSecurityLabels];
        }

        context.Features.Set(access);
        return access;
    }

    /// <summary>The access context for a caller that already holds the FHIR base and the restricted labels (no service lookup per request).</summary>
    internal static SmartAccessContext? GetSmartAccessContext(this HttpContext context, string fhirBase, IReadOnlyCollection<string> restrictedLabels)
    {
        if (context.Features.Get<SmartAccessContext>() is { } cached)
        {
            return cached;
        }

        if (FindSmartIdentity(context.User) is not { } identity)
        {
            return null;
        }

        var access = SmartAccessContext.FromIdentity(identity, fhirBase);
        access.RestrictedLabels = restrictedLabels;
        context.Features.Set(access);
        return access;
    }

    private static ClaimsIdentity? FindSmartIdentity(ClaimsPrincipal user)
    {
        foreach (var candidate in user.Identities)
        {
            if (candidate.IsAuthenticated && string.Equals(candidate.AuthenticationType, SmartResourceServerDefaults.AccessTokenScheme, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }
}
