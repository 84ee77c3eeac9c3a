namespace Smart.AspNetCore.Audit;

/// <summary>Options of the audit trail, configured with <c>AddSmartOnFhir().ConfigureAudit(o => ...)</c>.</summary>
public sealed class SmartAuditOptions
{
    /// <summary>
    /// Gets or sets how many events may wait for the sinks. Default 10 000. When the queue is full the <b>newest</b> event
    /// is dropped (the request is never held up), counted by the <c>smart.audit.dropped</c> counter and logged at Warning
    /// (event id 5001) once per burst.
    /// </summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how long one sink may take to write one event before its cancellation token is cancelled. Default 5 s.
    /// </summary>
    public TimeSpan SinkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets a value indicating whether the resource server raises <see cref="SmartAuditEventKind.AccessPermitted"/>
    /// for every permitted FHIR request. Default <see langword="false"/>: one event per request can be many; refusals are
    /// always recorded.
    /// </summary>
    public bool RecordPermittedAccess { get; set; }
}
