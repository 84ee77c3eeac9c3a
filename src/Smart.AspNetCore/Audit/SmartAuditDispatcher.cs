using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Diagnostics;

namespace Smart.AspNetCore.Audit;

/// <summary>
/// Takes audit events on the request path without waiting: a bounded queue read by <see cref="SmartAuditBackgroundService"/>.
/// When the queue is full the newest event is dropped and counted (<see cref="DroppedCount"/>, the
/// <c>smart.audit.dropped</c> counter); the request never waits for a sink.
/// </summary>
internal sealed class SmartAuditDispatcher
{
    private readonly Channel<SmartAuditEvent> _channel;
    private readonly int _capacity;
    private readonly ILogger _logger;
    private readonly SmartOnFhirTelemetry _telemetry;
    private readonly IHttpContextAccessor _httpContextAccessor;
    private long _dropped;
    private int _warned;

    public SmartAuditDispatcher(IOptions<SmartAuditOptions> options, TimeProvider timeProvider, SmartOnFhirTelemetry telemetry, IHttpContextAccessor httpContextAccessor, ILoggerFactory loggerFactory)
    {
        var value = options.Value;
        _capacity = value.QueueCapacity;
        RecordPermittedAccess = value.RecordPermittedAccess;
        Time = timeProvider;
        _telemetry = telemetry;
        _httpContextAccessor = httpContextAccessor;
        _logger = loggerFactory.CreateLogger(AuditLog.Category);
        _channel = Channel.CreateBounded<SmartAuditEvent>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Gets the library's metrics (for decisions counted whether or not they are audited).</summary>
    public SmartOnFhirTelemetry Telemetry => _telemetry;

    /// <summary>Gets the clock that stamps events.</summary>
    public TimeProvider Time { get; }

    /// <summary>Gets the current request, for raising sites that do not hold it (grant handlers, the grant manager).</summary>
    public HttpContext? CurrentHttpContext => _httpContextAccessor.HttpContext;

    /// <summary>Gets a value indicating whether permitted resource-server accesses are recorded (checked before building the event).</summary>
    public bool RecordPermittedAccess { get; }

    /// <summary>Gets how many events were dropped because the queue was full or closed.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    internal ChannelReader<SmartAuditEvent> Reader => _channel.Reader;

    /// <summary>Queues an event; never blocks. A full queue drops this (the newest) event.</summary>
    public void Raise(SmartAuditEvent auditEvent)
    {
        Count(auditEvent);
        if (_channel.Writer.TryWrite(auditEvent))
        {
            Volatile.Write(ref _warned, 0);
            return;
        }

        var dropped = Interlocked.Increment(ref _dropped);
        _telemetry.AuditDropped(auditEvent.Code);
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            AuditLog.QueueFull(_logger, _capacity, dropped);
        }
    }

    /// <summary>The metrics that follow the audit events (one place, so the two never disagree).</summary>
    private void Count(SmartAuditEvent auditEvent)
    {
        switch (auditEvent.Kind)
        {
            case SmartAuditEventKind.TokenIssued:
                _telemetry.TokenIssued(auditEvent.GrantType);
                break;
            case SmartAuditEventKind.TokenRefused:
                _telemetry.TokenRefused(auditEvent.GrantType, auditEvent.ErrorId);
                break;
            case SmartAuditEventKind.RefreshReuse or SmartAuditEventKind.CodeReplay:
                _telemetry.ReuseDetected(auditEvent.Code);
                break;
            case SmartAuditEventKind.Revocation:
                _telemetry.Revocation(auditEvent.Outcome == SmartAuditOutcome.Success, auditEvent.ErrorId);
                break;
        }
    }

    /// <summary>Closes the queue: events already queued are still delivered; later ones are dropped.</summary>
    internal void Complete() => _channel.Writer.TryComplete();
}
