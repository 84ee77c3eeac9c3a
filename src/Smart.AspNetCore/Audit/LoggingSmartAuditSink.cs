using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Logging;

namespace Smart.AspNetCore.Audit;

/// <summary>
/// The default <see cref="ISmartAuditSink"/>: one structured log entry per event (category <c>Smart.AspNetCore.Audit</c>,
/// event id 5000). Logs never hold patient ids (nor the break-glass reason, which may describe one), so those are left
/// out; the grant is named by the first 8 characters of its hash (the access token's <c>gid</c>).
/// </summary>
internal sealed class LoggingSmartAuditSink(ILoggerFactory loggerFactory) : ISmartAuditSink
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(AuditLog.Category);

    public Task WriteAsync(SmartAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            // Nothing would be written: spare the sanitising of every field (this runs once per token and per decision).
            return Task.CompletedTask;
        }

        AuditLog.AuditEvent(
            _logger,
            auditEvent.Code,
            auditEvent.Outcome,
            LogValue.Sanitize(auditEvent.ClientId),
            LogValue.Sanitize(auditEvent.UserId),
            auditEvent.GrantIdHash?[..Math.Min(8, auditEvent.GrantIdHash.Length)],
            LogValue.Sanitize(auditEvent.GrantType),
            LogValue.Sanitize(auditEvent.Scopes),
            LogValue.Sanitize(auditEvent.Interaction),
            LogValue.Sanitize(auditEvent.ResourceType),
            auditEvent.ErrorId,
            auditEvent.RemoteAddress,
            auditEvent.CorrelationId,
            auditEvent.TraceId);
        return Task.CompletedTask;
    }
}
