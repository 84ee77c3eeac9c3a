using Microsoft.Extensions.Logging;

namespace Smart.AspNetCore.Audit;

/// <summary>
/// Log messages of the audit trail, event ids 5000-5099. The audit entry (5000) names the app, the user and the grant
/// (by the first 8 characters of its gid hash), never the patient, a token or a break-glass reason.
/// </summary>
internal static partial class AuditLog
{
    public const string Category = "Smart.AspNetCore.Audit";

    [LoggerMessage(5000, LogLevel.Information, "Audit {EventCode} ({Outcome}): client '{ClientId}', user '{UserId}', gid {GrantHashPrefix}, grant type {GrantType}, scopes '{Scopes}', {Interaction} {ResourceType}, error {ErrorId}, remote {RemoteAddress}, correlation {CorrelationId}, trace {TraceId}.")]
    public static partial void AuditEvent(
        ILogger logger,
        string eventCode,
        SmartAuditOutcome outcome,
        string? clientId,
        string? userId,
        string? grantHashPrefix,
        string? grantType,
        string? scopes,
        string? interaction,
        string? resourceType,
        string? errorId,
        string? remoteAddress,
        string? correlationId,
        string? traceId);

    [LoggerMessage(5001, LogLevel.Warning, "The audit queue is full (capacity {Capacity}); audit events are being dropped ({Dropped} so far).")]
    public static partial void QueueFull(ILogger logger, int capacity, long dropped);

    [LoggerMessage(5002, LogLevel.Error, "Audit sink {Sink} failed to write a {EventCode} event; the event is lost for this sink.")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string sink, string eventCode);
}
