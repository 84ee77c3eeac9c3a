using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Smart.AspNetCore.Stores;
using Smart.Sample.Ehr.Fhir;
using StackExchange.Redis;

namespace Smart.Sample.Ehr.Audit;

/// <summary>
/// The farm's audit trail: one Redis list (<c>LPUSH</c> + <c>LTRIM</c>, so newest first and bounded) shared by every
/// instance. Redis failures surface as <see cref="SmartStoreUnavailableException"/> (the API answers 503).
/// </summary>
public sealed class RedisAuditTrail(IConnectionMultiplexer redis) : IAuditTrail
{
    /// <summary>The Redis key of the list.</summary>
    public const string Key = Farm.FarmExtensions.KeyPrefix + "audit-events";

    private const string Unavailable = "The audit trail in Redis is unavailable.";

    /// <inheritdoc />
    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var json = FhirJson.SerializeToString(auditEvent);
        var db = redis.GetDatabase();
        await Farm.SampleRedis.RunAsync(async () =>
        {
            await db.ListLeftPushAsync(Key, json);
            await db.ListTrimAsync(Key, 0, IAuditTrail.Capacity - 1);
            return true;
        }, Unavailable);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEvent>> NewestFirstAsync(CancellationToken cancellationToken)
    {
        var values = await Farm.SampleRedis.RunAsync(() => redis.GetDatabase().ListRangeAsync(Key, 0, -1), Unavailable);
        return [.. values.Where(v => v.HasValue).Select(v => JsonSerializer.Deserialize<AuditEvent>(v.ToString(), FhirJson.Options)!)];
    }
}
