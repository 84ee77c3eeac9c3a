using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Diagnostics;

namespace Smart.AspNetCore.Tests.Audit;

public class SmartAuditTrailTests
{
    [Fact]
    public void Codes_EveryKind_HasAUniqueStableCode()
    {
        var codes = Enum.GetValues<SmartAuditEventKind>().Select(SmartAuditEventCodes.For).ToList();

        codes.Should().OnlyHaveUniqueItems();
        codes.Should().Contain(["authorization-granted", "authorization-denied", "token-issued", "token-refused", "refresh-reuse", "revocation", "break-glass", "access-refused"]);
    }

    [Fact]
    public void ToString_EventWithIdentifiers_NamesOnlyKindAndOutcome()
    {
        var auditEvent = new SmartAuditEvent(SmartAuditEventKind.TokenIssued, SmartAuditOutcome.Success) { ClientId = "app", PatientId = "peds-001", UserId = "clinician" };

        auditEvent.ToString().Should().Be("token-issued (Success)");
    }

    [Fact]
    public void Raise_QueueFull_DropsTheNewestAndCountsIt()
    {
        var meterFactory = TestAudit.MeterFactory();
        using var dropped = new MetricCollector<long>(meterFactory, SmartOnFhirTelemetry.Name, "smart.audit.dropped");
        var dispatcher = TestAudit.Dispatcher(options: new SmartAuditOptions { QueueCapacity = 2 }, meterFactory: meterFactory);

        dispatcher.Raise(new SmartAuditEvent(SmartAuditEventKind.TokenIssued, SmartAuditOutcome.Success));
        dispatcher.Raise(new SmartAuditEvent(SmartAuditEventKind.TokenRefused, SmartAuditOutcome.Failure));
        dispatcher.Raise(new SmartAuditEvent(SmartAuditEventKind.Revocation, SmartAuditOutcome.Success));

        dispatcher.DroppedCount.Should().Be(1);
        dropped.GetMeasurementSnapshot().Should().ContainSingle()
            .Which.Tags["smart.audit.event"].Should().Be("revocation");
        dispatcher.Reader.TryRead(out var first).Should().BeTrue();
        first!.Kind.Should().Be(SmartAuditEventKind.TokenIssued);
        dispatcher.Reader.TryRead(out var second).Should().BeTrue();
        second!.Kind.Should().Be(SmartAuditEventKind.TokenRefused);
    }

    [Fact]
    public async Task Delivery_SinkThrowsOrHangs_LaterSinksAndEventsStillDelivered()
    {
        var dispatcher = TestAudit.Dispatcher();
        var recorder = new RecordingSink();
        var service = new SmartAuditBackgroundService(
            dispatcher,
            [new ThrowingSink(), new HangingSink(), recorder],
            Options.Create(new SmartAuditOptions { SinkTimeout = TimeSpan.FromMilliseconds(50) }),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await service.StartAsync(CancellationToken.None);

        dispatcher.Raise(new SmartAuditEvent(SmartAuditEventKind.TokenIssued, SmartAuditOutcome.Success));
        dispatcher.Raise(new SmartAuditEvent(SmartAuditEventKind.Revocation, SmartAuditOutcome.Success));
        await service.StopAsync(CancellationToken.None);

        dispatcher.DroppedCount.Should().Be(0);
        recorder.Events.Select(e => e.Kind).Should().Equal(SmartAuditEventKind.TokenIssued, SmartAuditEventKind.Revocation);
    }

    [Fact]
    public async Task LoggingSink_EventWithPatientAndReason_LogsNeitherButNamesAppUserAndGrantTag()
    {
        var collector = new FakeLogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        var sink = new LoggingSmartAuditSink(factory);

        await sink.WriteAsync(
            new SmartAuditEvent(SmartAuditEventKind.BreakGlass, SmartAuditOutcome.Success)
            {
                ClientId = "growth-chart",
                UserId = "clinician",
                PatientId = "peds-001",
                BreakGlassReason = "patient unconscious in ED",
                GrantIdHash = "abcdefghijklmnop",
                ErrorId = null,
            },
            CancellationToken.None);

        var record = collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Id.Id.Should().Be(5000);
        record.Category.Should().Be("Smart.AspNetCore.Audit");
        record.Message.Should().Contain("break-glass").And.Contain("growth-chart").And.Contain("clinician").And.Contain("abcdefgh")
            .And.NotContain("peds-001").And.NotContain("unconscious").And.NotContain("abcdefghi");
    }

    private sealed class RecordingSink : ISmartAuditSink
    {
        public List<SmartAuditEvent> Events { get; } = [];

        public Task WriteAsync(SmartAuditEvent auditEvent, CancellationToken cancellationToken)
        {
            Events.Add(auditEvent);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingSink : ISmartAuditSink
    {
        public Task WriteAsync(SmartAuditEvent auditEvent, CancellationToken cancellationToken) => throw new InvalidOperationException("sink down");
    }

    private sealed class HangingSink : ISmartAuditSink
    {
        public Task WriteAsync(SmartAuditEvent auditEvent, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
