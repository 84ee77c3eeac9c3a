using System.Collections.Concurrent;
using Hl7.Fhir.Model;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Element paths of FHIR R4 search parameters, derived from the FHIRPath expressions in the Firely SDK's
/// <c>ModelInfo.SearchParameters</c>. Only simple expressions are understood: <c>Type.a.b</c>, unions of them
/// (<c>|</c>), and a trailing <c>.where(resolve() is X)</c> on a reference. Anything else yields no path, so a
/// constraint on it never matches (fail closed).
/// </summary>
internal static class FhirSearchParameterPaths
{
    private static readonly ConcurrentDictionary<(string Type, string Name), string[][]> s_cache = new();

    public static string[][] Get(string resourceType, string parameter) =>
        s_cache.GetOrAdd((resourceType, parameter), static key => Compute(key.Type, key.Name));

    private static string[][] Compute(string resourceType, string parameter)
    {
        var definition = ModelInfo.SearchParameters.FirstOrDefault(p =>
            string.Equals(p.Resource, resourceType, StringComparison.Ordinal) && string.Equals(p.Name, parameter, StringComparison.Ordinal))
            ?? ModelInfo.SearchParameters.FirstOrDefault(p =>
            string.Equals(p.Resource, "Resource", StringComparison.Ordinal) && string.Equals(p.Name, parameter, StringComparison.Ordinal));
        return definition?.Expression is { } expression ? Parse(expression, definition.Resource ?? resourceType, resourceType) : [];
    }

    internal static string[][] Parse(string expression, string definitionType, string resourceType)
    {
        var paths = new List<string[]>();
        foreach (var raw in expression.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var part = raw;
            var where = part.IndexOf(".where(resolve() is ", StringComparison.Ordinal);
            if (where >= 0 && part.EndsWith(')'))
            {
                part = part[..where];
            }

            string rest;
            if (part.StartsWith(resourceType + ".", StringComparison.Ordinal))
            {
                rest = part[(resourceType.Length + 1)..];
            }
            else if (part.StartsWith(definitionType + ".", StringComparison.Ordinal) && !string.Equals(definitionType, resourceType, StringComparison.Ordinal)
                && (definitionType is "Resource" or "DomainResource"))
            {
                rest = part[(definitionType.Length + 1)..];
            }
            else
            {
                continue;
            }

            if (rest.Length == 0 || !rest.All(c => char.IsAsciiLetter(c) || c == '.'))
            {
                continue;
            }

            paths.Add(rest.Split('.'));
        }

        return [.. paths];
    }
}
