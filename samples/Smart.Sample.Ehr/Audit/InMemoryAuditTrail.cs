using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Smart.Sample.Ehr.Audit;

/// <summary>The audit trail of a single instance: a bounded in-memory list, newest first.</summary>
public sealed class InMemoryAuditTrail : IAuditTrail
{
    private readonly Lock _lock = new();
    private readonly LinkedList<AuditEvent> _events = new();

    /// <inheritdoc />
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var copy = (AuditEvent)auditEvent.DeepCopy();
        lock (_lock)
        {
            _events.AddFirst(copy);
            if (_events.Count > IAuditTrail.Capacity)
            {
                _events.RemoveLast();
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEvent>> NewestFirstAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<AuditEvent> copies = [.. _events.Select(e => (AuditEvent)e.DeepCopy())];
            return System.Threading.Tasks.Task.FromResult(copies);
        }
    }
}
