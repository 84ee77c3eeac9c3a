using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Smart.AspNetCore.Audit;

/// <summary>
/// Delivers queued audit events to every registered <see cref="ISmartAuditSink"/>, in order, one sink at a time. A sink
/// that throws is logged (event 5002) and the next sink and event go on; a sink slower than
/// <see cref="SmartAuditOptions.SinkTimeout"/> has its token cancelled. At shutdown the queue is closed and what is in
/// it is delivered within the host's shutdown timeout.
/// </summary>
internal sealed class SmartAuditBackgroundService(
    SmartAuditDispatcher dispatcher,
    IEnumerable<ISmartAuditSink> sinks,
    IOptions<SmartAuditOptions> options,
    ILoggerFactory loggerFactory) : IHostedService
{
    private readonly ISmartAuditSink[] _sinks = [.. sinks];
    private readonly ILogger _logger = loggerFactory.CreateLogger(AuditLog.Category);

    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not tied to a stopping token: at shutdown the queue is completed and drained.
        _loop = Task.Run(DeliverAllAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        dispatcher.Complete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task DeliverAllAsync()
    {
        await foreach (var auditEvent in dispatcher.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            foreach (var sink in _sinks)
            {
                await DeliverAsync(sink, auditEvent).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(ISmartAuditSink sink, SmartAuditEvent auditEvent)
    {
        using var timeout = new CancellationTokenSource(options.Value.SinkTimeout);
        try
        {
            await sink.WriteAsync(auditEvent, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A sink's failure must never stop the audit trail.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            AuditLog.SinkFailed(_logger, exception, sink.GetType().Name, auditEvent.Code);
        }
    }
}
