using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Smart.Sample.Ehr.Data;

/// <summary>Typed reads over <see cref="IFhirStore"/>.</summary>
public static class FhirStoreExtensions
{
    /// <summary>Reads one resource of a known type, or <see langword="null"/>.</summary>
    public static async Task<T?> ReadAsync<T>(this IFhirStore store, string id, CancellationToken cancellationToken = default)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.ReadAsync(TypeName<T>(), id, cancellationToken) as T;
    }

    /// <summary>All resources of type <typeparamref name="T"/>, in the store's order.</summary>
    public static async Task<IReadOnlyList<T>> AllAsync<T>(this IFhirStore store, CancellationToken cancellationToken = default)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(store);
        return [.. (await store.AllAsync(TypeName<T>(), cancellationToken)).Cast<T>()];
    }

    /// <summary>The FHIR type name of <typeparamref name="T"/>.</summary>
    public static string TypeName<T>()
        where T : Resource => ModelInfo.GetFhirTypeNameForType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not a FHIR resource type.");
}
