using Microsoft.Extensions.Options;
using Smart.AspNetCore;
using Smart.AspNetCore.Audit;

namespace Smart.Sample.Ehr.Audit;

/// <summary>
/// The sample's audit sink: maps each library audit event to a FHIR R4 AuditEvent (the library's BALP-shaped mapping)
/// and keeps it in the <see cref="IAuditTrail"/>, served at <c>{fhir}/AuditEvent</c> and shown at <c>/ehr/audit</c>.
/// </summary>
public sealed class AuditEventStoreSink(IAuditTrail trail, IOptions<SmartOnFhirOptions> options) : ISmartAuditSink
{
    /// <inheritdoc />
    public Task WriteAsync(SmartAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var observer = options.Value.FhirBaseUrl?.AbsoluteUri.TrimEnd('/') ?? "Smart.Sample.Ehr";
        var resource = SmartFhirAuditEventMapper.ToAuditEvent(auditEvent, observer);
        resource.Id = Guid.NewGuid().ToString("N");
        resource.Meta = new Hl7.Fhir.Model.Meta { VersionId = "1", LastUpdated = auditEvent.Timestamp };
        return trail.AppendAsync(resource, cancellationToken);
    }
}
