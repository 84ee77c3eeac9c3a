using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Smart.AspNetCore.Audit;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>The sample with a recording audit sink, and optionally a sink that throws and one that hangs before it.</summary>
public class AuditSampleEhrFactory : SampleEhrFactory
{
    /// <summary>A test-only response header with the request's <c>TraceIdentifier</c>, to match events to responses.</summary>
    public const string CorrelationHeader = "X-Test-Correlation";

    public RecordingAuditSink Audit { get; } = new();

    protected virtual bool WithFailingSinks => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:Enabled", "false");
        builder.ConfigureServices(services =>
        {
            if (WithFailingSinks)
            {
                services.TryAddEnumerable(ServiceDescriptor.Singleton<ISmartAuditSink, ThrowingAuditSink>());
                services.TryAddEnumerable(ServiceDescriptor.Singleton<ISmartAuditSink, HangingAuditSink>());
                services.Configure<SmartAuditOptions>(o => o.SinkTimeout = TimeSpan.FromSeconds(1));
            }

            services.TryAddEnumerable(ServiceDescriptor.Singleton<ISmartAuditSink>(Audit));
            services.AddTransient<IStartupFilter, CorrelationHeaderStartupFilter>();
            services.Configure<SmartAuditOptions>(o => o.RecordPermittedAccess = true);
        });
    }

    private sealed class CorrelationHeaderStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.Headers[CorrelationHeader] = context.TraceIdentifier;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class ThrowingAuditSink : ISmartAuditSink
    {
        public Task WriteAsync(SmartAuditEvent auditEvent, CancellationToken cancellationToken) => throw new InvalidOperationException("The audit store is down.");
    }

    private sealed class HangingAuditSink : ISmartAuditSink
    {
        public Task WriteAsync(SmartAuditEvent auditEvent, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }
}

/// <summary>The sample with a throwing and a hanging audit sink registered before the recording one.</summary>
public sealed class FailingAuditSinkSampleEhrFactory : AuditSampleEhrFactory
{
    protected override bool WithFailingSinks => true;
}
