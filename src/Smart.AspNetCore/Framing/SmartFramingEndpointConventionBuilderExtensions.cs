using Smart.AspNetCore;
using Smart.AspNetCore.Framing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Clickjacking protection for the host's own pages and endpoints (SEC-7, RFC 6749 §10.13).</summary>
public static class SmartFramingEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Lets the endpoints be framed only by the EHR's own origin and <see cref="SmartFramingOptions.AllowedAncestors"/>:
    /// <c>Content-Security-Policy: frame-ancestors 'self' [origins]</c>, and <c>X-Frame-Options: SAMEORIGIN</c> when no
    /// other origin is allowed. For Razor Pages, put <see cref="SmartFrameAncestorsAttribute"/> on the page model instead.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoints to protect.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder RequireSmartFrameAncestors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(new SmartFrameAncestorsAttribute()));
        return builder;
    }
}
