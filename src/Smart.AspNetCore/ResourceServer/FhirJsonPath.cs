using System.Text.Json;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>Walks a dotted element path (<c>participant.actor</c>) over FHIR JSON, flattening arrays at every step.</summary>
internal static class FhirJsonPath
{
    public static IEnumerable<JsonElement> Select(JsonElement root, string[] path)
    {
        var current = new List<JsonElement> { root };
        foreach (var step in path)
        {
            var next = new List<JsonElement>();
            foreach (var element in current)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out var value))
                {
                    continue;
                }

                if (value.ValueKind == JsonValueKind.Array)
                {
                    next.AddRange(value.EnumerateArray());
                }
                else
                {
                    next.Add(value);
                }
            }

            current = next;
            if (current.Count == 0)
            {
                break;
            }
        }

        return current;
    }
}
