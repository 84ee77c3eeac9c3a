using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Smart.AspNetCore.Diagnostics;

/// <summary>
/// The library's metrics and traces, both named <see cref="Name"/> (docs/audit-and-telemetry.md lists every instrument
/// and span). The meter comes from the host's <see cref="IMeterFactory"/>, so each host (and each test host) has its
/// own. Tags never hold a patient id, a token or a user id: only client ids, grant types, error ids and decisions.
/// </summary>
internal sealed class SmartOnFhirTelemetry : IDisposable
{
    /// <summary>The name of the meter and of the activity source: <c>Smart.AspNetCore</c>.</summary>
    public const string Name = "Smart.AspNetCore";

    /// <summary>The activity source of the library's spans (static, as activity sources are process-wide by design).</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _auditDropped;

    public SmartOnFhirTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _auditDropped = _meter.CreateCounter<long>("smart.audit.dropped", "{event}", "Audit events dropped because the audit queue was full.");
    }

    /// <summary>Counts one dropped audit event.</summary>
    public void AuditDropped(string eventCode) => _auditDropped.Add(1, new KeyValuePair<string, object?>("smart.audit.event", eventCode));

    public void Dispose() => _meter.Dispose();
}
