namespace Smart.AspNetCore.Audit;

/// <summary>
/// Receives the library's audit events, off the request path: events are queued and delivered by a background
/// service, so a slow or failing sink never slows or fails a request (see <see cref="SmartAuditOptions"/> for the queue
/// and its drop policy). Register any number with <c>AddSmartOnFhir().AddAuditSink&lt;T&gt;()</c>; each receives every
/// event, in order. Events never carry a token, code, secret or assertion; they do carry the patient id where there is
/// one, so a sink that writes them must store them as health data.
/// </summary>
public interface ISmartAuditSink
{
    /// <summary>Writes one event. An exception is logged (without the event's content) and the next event is delivered.</summary>
    /// <param name="auditEvent">The event.</param>
    /// <param name="cancellationToken">Cancelled when the sink exceeds <see cref="SmartAuditOptions.SinkTimeout"/> or the host stops.</param>
    /// <returns>A task that completes when the event is written.</returns>
    Task WriteAsync(SmartAuditEvent auditEvent, CancellationToken cancellationToken);
}
