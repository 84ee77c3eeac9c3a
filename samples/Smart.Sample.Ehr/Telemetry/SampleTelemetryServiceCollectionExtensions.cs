using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Smart.Sample.Ehr.Telemetry;

/// <summary>
/// OpenTelemetry for the sample: the library's meter and activity source (<c>Smart.AspNetCore</c>) and ASP.NET Core's
/// own request spans, written to the console when <c>Telemetry:ConsoleExporter</c> is true (appsettings.Development.json).
/// A production EHR would add an OTLP or Prometheus exporter here instead.
/// </summary>
public static class SampleTelemetryServiceCollectionExtensions
{
    public const string LibrarySource = "Smart.AspNetCore";

    public static IServiceCollection AddSampleTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var console = configuration.GetValue<bool>("Telemetry:ConsoleExporter");
        services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(LibrarySource);
                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(LibrarySource);
                if (console)
                {
                    tracing.AddAspNetCoreInstrumentation().AddConsoleExporter();
                }
            });
        return services;
    }
}
