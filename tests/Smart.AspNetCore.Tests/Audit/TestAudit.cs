using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Diagnostics;

namespace Smart.AspNetCore.Tests.Audit;

/// <summary>A real audit dispatcher for unit tests, with its own meter factory.</summary>
internal static class TestAudit
{
    public static SmartAuditDispatcher Dispatcher(TimeProvider? time = null, SmartAuditOptions? options = null, IMeterFactory? meterFactory = null) => new(
        Options.Create(options ?? new SmartAuditOptions()),
        time ?? TimeProvider.System,
        new SmartOnFhirTelemetry(meterFactory ?? MeterFactory()),
        new HttpContextAccessor(),
        NullLoggerFactory.Instance);

    public static IMeterFactory MeterFactory() =>
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
