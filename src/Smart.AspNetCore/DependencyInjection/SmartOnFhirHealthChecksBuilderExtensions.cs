using Microsoft.Extensions.Diagnostics.HealthChecks;
using Smart.AspNetCore.Health;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks of Smart.AspNetCore, for <c>services.AddHealthChecks().AddSmartOnFhir()</c>.</summary>
public static class SmartOnFhirHealthChecksBuilderExtensions
{
    /// <summary>The tag of every check added by <see cref="AddSmartOnFhir"/>.</summary>
    public const string Tag = "smart";

    /// <summary>
    /// Adds <c>smart-signing-keys</c> (an active RS256 key; degraded when an active certificate-based key expires within
    /// 30 days) and <c>smart-stores</c> (the client registry, refresh-token, code and launch stores and the access-token
    /// denylist answer a read that changes nothing; unhealthy when one throws, for example Redis unreachable). Requires
    /// <c>AddSmartOnFhir()</c> on the service collection.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddSmartOnFhir(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddCheck<SmartSigningKeysHealthCheck>("smart-signing-keys", HealthStatus.Unhealthy, [Tag]);
        builder.AddCheck<SmartStoresHealthCheck>("smart-stores", HealthStatus.Unhealthy, [Tag]);
        return builder;
    }
}
