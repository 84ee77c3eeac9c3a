using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Smart.Sample.Ehr.Audit;

/// <summary>
/// Where the sample keeps its FHIR AuditEvents: in memory, or in Redis when the sample runs as a farm (so every
/// instance serves the same trail). Bounded: the oldest events fall off past <see cref="Capacity"/>.
/// </summary>
public interface IAuditTrail
{
    /// <summary>How many events are kept.</summary>
    const int Capacity = 10_000;

    /// <summary>Appends one AuditEvent (with its id set).</summary>
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Every kept event, newest first.</summary>
    Task<IReadOnlyList<AuditEvent>> NewestFirstAsync(CancellationToken cancellationToken);
}
