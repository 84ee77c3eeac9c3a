using StackExchange.Redis;

namespace Smart.Sample.Ehr.Audit;

/// <summary>Registers the sample's FHIR audit trail.</summary>
public static class AuditTrailExtensions
{
    /// <summary>
    /// Records every library audit event as a FHIR AuditEvent: in Redis when the farm's <see cref="IConnectionMultiplexer"/>
    /// is registered (<c>ConnectionStrings:Redis</c>), else in memory.
    /// </summary>
    public static SmartOnFhirBuilder AddSampleAuditTrail(this SmartOnFhirBuilder smart)
    {
        smart.Services.AddSingleton<IAuditTrail>(sp => sp.GetService<IConnectionMultiplexer>() is { } redis
            ? new RedisAuditTrail(redis)
            : new InMemoryAuditTrail());
        smart.AddAuditSink<AuditEventStoreSink>();
        return smart;
    }
}
