using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Smart.Sample.Ehr.Data;

/// <summary>
/// The sample's FHIR data. Every read returns a copy, so callers may change what they get without touching the store.
/// In memory by default (<see cref="InMemoryFhirStore"/>); with <c>ConnectionStrings:Redis</c> set, what is written
/// through the API lives in Redis so several instances serve the same records (<c>Farm/RedisFhirStore</c>). A store
/// that cannot reach its shared state throws <see cref="Smart.AspNetCore.Stores.SmartStoreUnavailableException"/>.
/// </summary>
public interface IFhirStore
{
    /// <summary>Reads one resource, or <see langword="null"/> when it does not exist.</summary>
    Task<Resource?> ReadAsync(string type, string id, CancellationToken cancellationToken = default);

    /// <summary>All resources of <paramref name="type"/>: the demo records first, then the created ones, in creation order.</summary>
    Task<IReadOnlyList<Resource>> AllAsync(string type, CancellationToken cancellationToken = default);

    /// <summary>Stores a new resource under a new server-assigned id (FHIR create); returns the stored copy.</summary>
    Task<Resource> CreateAsync(Resource resource, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the resource with the id it carries (FHIR update); tells whether it was created.</summary>
    Task<(Resource Resource, bool Created)> UpsertAsync(Resource resource, CancellationToken cancellationToken = default);
}
