using System.Globalization;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Smart.AspNetCore.Stores;
using Smart.Sample.Ehr.Data;
using Smart.Sample.Ehr.Fhir;
using StackExchange.Redis;
using Task = System.Threading.Tasks.Task;

namespace Smart.Sample.Ehr.Farm;

/// <summary>
/// The FHIR data of a farm: the demo records are the same on every instance (created at start-up, read locally);
/// what is written through the API (types in <c>sharedTypes</c>, the writable ones) lives in Redis, so every instance
/// reads what any instance wrote. Per type one hash (id → <c>version</c>, newline, FHIR JSON), one list of the created
/// ids in creation order and one hash of versions, all under one hash tag (<c>{Observation}</c>), so each write is one
/// Lua step (version, value and order together) and works on Redis Cluster. Redis failing or slower than the bound
/// throws <see cref="SmartStoreUnavailableException"/>: the API answers <c>503</c>, never a <c>500</c>.
/// </summary>
public sealed class RedisFhirStore : IFhirStore
{
    /// <summary>Stores a version: <c>KEYS</c> = values, order, versions; <c>ARGV</c> = id, JSON, 1 when a demo record.</summary>
    private const string UpsertScript = """
        local v = redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
        if v == 1 and ARGV[3] == '1' then v = redis.call('HINCRBY', KEYS[3], ARGV[1], 1) end
        redis.call('HSET', KEYS[1], ARGV[1], v .. '\n' .. ARGV[2])
        if v == 1 then redis.call('RPUSH', KEYS[2], ARGV[1]) end
        return v
        """;

    /// <summary>Every stored version and the created ids in order, read together (one consistent view).</summary>
    private const string AllScript = """
        return { redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1) }
        """;

    private readonly InMemoryFhirStore _seed;
    private readonly IConnectionMultiplexer _redis;
    private readonly HashSet<string> _shared;
    private readonly string _prefix;
    private readonly TimeSpan _timeout;
    private readonly string _unavailable;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="seed">The demo records (the same on every instance).</param>
    /// <param name="redis">The shared Redis.</param>
    /// <param name="sharedTypes">The resource types written through the API, kept in Redis.</param>
    /// <param name="keyPrefix">The prefix of every key.</param>
    /// <param name="timeout">The bound of one Redis call.</param>
    /// <param name="time">The clock stamping <c>meta.lastUpdated</c>.</param>
    public RedisFhirStore(InMemoryFhirStore seed, IConnectionMultiplexer redis, IEnumerable<string> sharedTypes, string keyPrefix, TimeSpan timeout, TimeProvider time)
    {
        _seed = seed;
        _redis = redis;
        _shared = new HashSet<string>(sharedTypes, StringComparer.Ordinal);
        _prefix = keyPrefix;
        _timeout = timeout;
        _unavailable = $"Redis did not answer the FHIR store within {timeout.TotalSeconds:0.#} s.";
        _time = time;
    }

    /// <inheritdoc />
    public async Task<Resource?> ReadAsync(string type, string id, CancellationToken cancellationToken = default)
    {
        if (!_shared.Contains(type))
        {
            return _seed.Read(type, id);
        }

        var value = await RunAsync(db => db.HashGetAsync(ValuesKey(type), id), cancellationToken);
        return value.IsNull ? _seed.Read(type, id) : Parse(id, value!);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Resource>> AllAsync(string type, CancellationToken cancellationToken = default)
    {
        var seed = _seed.All(type);
        if (!_shared.Contains(type))
        {
            return seed;
        }

        var result = await RunAsync(db => db.ScriptEvaluateAsync(AllScript, [ValuesKey(type), OrderKey(type)]), cancellationToken);
        var parts = (RedisResult[])result!;
        var pairs = (RedisResult[])parts[0]!;
        var stored = new Dictionary<string, string>(pairs.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            stored[(string)pairs[i]!] = (string)pairs[i + 1]!;
        }

        var all = new List<Resource>(seed.Count + stored.Count);
        all.AddRange(seed.Select(r => r.Id is { } id && stored.TryGetValue(id, out var newer) ? Parse(id, newer) : r));
        foreach (var id in ((RedisResult[])parts[1]!).Select(r => (string)r!))
        {
            if (stored.TryGetValue(id, out var value))
            {
                all.Add(Parse(id, value));
            }
        }

        return all;
    }

    /// <inheritdoc />
    public async Task<Resource> CreateAsync(Resource resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var copy = (Resource)resource.DeepCopy();
        copy.Id = Guid.NewGuid().ToString("N");
        return (await UpsertAsync(copy, cancellationToken)).Resource;
    }

    /// <inheritdoc />
    public async Task<(Resource Resource, bool Created)> UpsertAsync(Resource resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var id = resource.Id;
        ArgumentException.ThrowIfNullOrEmpty(id);
        var type = resource.TypeName;
        if (!_shared.Contains(type))
        {
            throw new InvalidOperationException($"{type} is not written through the API, so it is not kept in Redis.");
        }

        var stored = (Resource)resource.DeepCopy();
        stored.Meta ??= new Meta();
        stored.Meta.VersionId = null;
        stored.Meta.LastUpdated = _time.GetUtcNow();
        var isDemoRecord = _seed.Read(type, id) is not null;
        var version = (long)await RunAsync(
            db => db.ScriptEvaluateAsync(UpsertScript, [ValuesKey(type), OrderKey(type), VersionsKey(type)], [id, FhirJson.SerializeToString(stored), isDemoRecord ? "1" : "0"]),
            cancellationToken);
        stored.Meta.VersionId = version.ToString(CultureInfo.InvariantCulture);
        return (stored, version == 1);
    }

    private RedisKey ValuesKey(string type) => _prefix + "fhir:{" + type + "}";

    private RedisKey OrderKey(string type) => _prefix + "fhir:{" + type + "}:order";

    private RedisKey VersionsKey(string type) => _prefix + "fhir:{" + type + "}:versions";

    private static Resource Parse(string id, string value)
    {
        var newline = value.IndexOf('\n', StringComparison.Ordinal);
        var resource = JsonSerializer.Deserialize<Resource>(Encoding.UTF8.GetBytes(value[(newline + 1)..]), FhirJson.Options)
            ?? throw new InvalidOperationException("A stored FHIR resource is empty.");
        resource.Id = id;
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = value[..newline];
        return resource;
    }

    private Task<T> RunAsync<T>(Func<IDatabase, Task<T>> action, CancellationToken cancellationToken) => SampleRedis.RunAsync(
        () => action(_redis.GetDatabase()).WaitAsync(_timeout, _time, cancellationToken),
        _unavailable);
}
