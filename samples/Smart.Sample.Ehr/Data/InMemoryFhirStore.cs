using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Smart.Sample.Ehr.Data;

/// <summary>
/// The sample's in-memory FHIR store (one instance): thread-safe, resources kept per type in insertion order. Every
/// read returns a deep copy, so callers may change what they get without touching the store.
/// </summary>
public sealed class InMemoryFhirStore : IFhirStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, OrderedDictionary<string, Resource>> _byType = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store holding <paramref name="resources"/> (each must have an id).</summary>
    public InMemoryFhirStore(IEnumerable<Resource> resources, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(resources);
        _timeProvider = timeProvider;
        foreach (var resource in resources)
        {
            if (string.IsNullOrEmpty(resource.Id))
            {
                throw new ArgumentException("Seed resources need an id.", nameof(resources));
            }

            Stamp(resource, "1");
            Bucket(resource.TypeName).Add(resource.Id, resource);
        }
    }

    /// <summary>Reads one resource, or <see langword="null"/> when it does not exist.</summary>
    public Resource? Read(string type, string id)
    {
        lock (_lock)
        {
            return _byType.TryGetValue(type, out var bucket) && bucket.TryGetValue(id, out var resource) ? Copy(resource) : null;
        }
    }

    /// <summary>All resources of <paramref name="type"/>, in insertion order.</summary>
    public IReadOnlyList<Resource> All(string type)
    {
        lock (_lock)
        {
            return _byType.TryGetValue(type, out var bucket) ? [.. bucket.Values.Select(Copy)] : [];
        }
    }

    /// <summary>Stores a new resource under a new server-assigned id (FHIR create); returns the stored copy.</summary>
    public T Create<T>(T resource)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        var stored = Copy(resource);
        stored.Id = Guid.NewGuid().ToString("N");
        Stamp(stored, "1");
        lock (_lock)
        {
            Bucket(stored.TypeName).Add(stored.Id, stored);
        }

        return Copy(stored);
    }

    /// <summary>Creates or replaces the resource with the id it carries (FHIR update); tells whether it was created.</summary>
    public (T Resource, bool Created) Upsert<T>(T resource)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(resource.Id);
        var id = resource.Id;
        var stored = Copy(resource);
        lock (_lock)
        {
            var bucket = Bucket(stored.TypeName);
            var created = !bucket.TryGetValue(id, out var existing);
            var version = created ? 1 : int.TryParse(existing!.Meta?.VersionId, out var v) ? v + 1 : 2;
            Stamp(stored, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            bucket[id] = stored;
            return (Copy(stored), created);
        }
    }

    private OrderedDictionary<string, Resource> Bucket(string type)
    {
        if (!_byType.TryGetValue(type, out var bucket))
        {
            bucket = new OrderedDictionary<string, Resource>(StringComparer.Ordinal);
            _byType[type] = bucket;
        }

        return bucket;
    }

    private void Stamp(Resource resource, string versionId)
    {
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = versionId;
        resource.Meta.LastUpdated = _timeProvider.GetUtcNow();
    }

    private static T Copy<T>(T resource)
        where T : Resource => (T)resource.DeepCopy();

    /// <inheritdoc />
    public Task<Resource?> ReadAsync(string type, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(type, id));

    /// <inheritdoc />
    public Task<IReadOnlyList<Resource>> AllAsync(string type, CancellationToken cancellationToken = default) =>
        Task.FromResult(All(type));

    /// <inheritdoc />
    public Task<Resource> CreateAsync(Resource resource, CancellationToken cancellationToken = default) =>
        Task.FromResult(Create(resource));

    /// <inheritdoc />
    public Task<(Resource Resource, bool Created)> UpsertAsync(Resource resource, CancellationToken cancellationToken = default) =>
        Task.FromResult(Upsert(resource));
}
