using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Smart.Sample.Ehr.Fhir;

/// <summary>FHIR JSON (de)serialization with the Firely SDK's System.Text.Json support.</summary>
public static class FhirJson
{
    /// <summary>The FHIR JSON media type.</summary>
    public const string MediaType = "application/fhir+json";

    /// <summary>Serializer options that read and write FHIR R4 resources.</summary>
    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>Serializes a resource to UTF-8 JSON.</summary>
    public static byte[] Serialize(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), Options);
    }

    /// <summary>Serializes a resource to a JSON element (what the SMART access context inspects).</summary>
    public static JsonElement ToElement(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return JsonSerializer.SerializeToElement(resource, resource.GetType(), Options);
    }

    /// <summary>Serializes a resource to a JSON string.</summary>
    public static string SerializeToString(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return JsonSerializer.Serialize(resource, resource.GetType(), Options);
    }
}
