using Microsoft.Extensions.DependencyInjection.Extensions;
using Smart.AspNetCore.Audit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds audit sinks and configures the audit trail (docs/audit-and-telemetry.md).</summary>
public static class SmartOnFhirBuilderAuditExtensions
{
    /// <summary>
    /// Adds an <see cref="ISmartAuditSink"/> (a singleton) beside the default log sink and any others. Safe to call more
    /// than once: a sink type is added once (<c>TryAddEnumerable</c>).
    /// </summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <param name="builder">The SMART on FHIR builder.</param>
    /// <returns>The builder.</returns>
    public static SmartOnFhirBuilder AddAuditSink<TSink>(this SmartOnFhirBuilder builder)
        where TSink : class, ISmartAuditSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISmartAuditSink, TSink>());
        return builder;
    }

    /// <summary>Configures the audit trail: queue capacity, sink timeout, whether permitted accesses are recorded.</summary>
    /// <param name="builder">The SMART on FHIR builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder.</returns>
    public static SmartOnFhirBuilder ConfigureAudit(this SmartOnFhirBuilder builder, Action<SmartAuditOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
