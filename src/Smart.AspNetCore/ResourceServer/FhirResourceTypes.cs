using System.Collections.Frozen;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>The FHIR R4 resource type names, from the Firely SDK's <c>ResourceType</c> enumeration.</summary>
internal static class FhirResourceTypes
{
    private static readonly FrozenSet<string> s_types = Enum.GetNames<Hl7.Fhir.Model.ResourceType>().ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_lookup = s_types.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns the interned type name for <paramref name="name"/> without allocating, or <see langword="null"/> when it is not an R4 resource type.</summary>
    public static string? Find(ReadOnlySpan<char> name) => s_lookup.TryGetValue(name, out var type) ? type : null;

    /// <summary>Determines whether <paramref name="name"/> is an R4 resource type.</summary>
    public static bool IsKnown(string name) => s_types.Contains(name);
}
