using System.Text.Json;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Matches a resource (JSON) against the <c>?name=value(&amp;name=value)*</c> constraint of a granular SMART v2 scope
/// (SCOPE-8, RS-8). Parameters are AND-ed; comma-separated values within one parameter are OR-ed. Values are token
/// searches (<c>system|code</c>, <c>system|</c>, <c>|code</c>, <c>code</c>) on the elements of the search parameter of that
/// name (paths from the Firely SDK), matched against CodeableConcept, Coding, Identifier and code elements.
/// Modifiers (<c>code:in</c>), chaining and unknown parameters never match: the scope then grants nothing (fail closed).
/// </summary>
internal static class GranularScopeMatcher
{
    public static bool Matches(string resourceType, JsonElement resource, IReadOnlyList<KeyValuePair<string, string>> constraint)
    {
        foreach (var (name, value) in constraint)
        {
            if (name.Contains(':', StringComparison.Ordinal) || name.Contains('.', StringComparison.Ordinal) || !MatchesParameter(resourceType, resource, name, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesParameter(string resourceType, JsonElement resource, string name, string value)
    {
        var paths = FhirSearchParameterPaths.Get(resourceType, name);
        if (paths.Length == 0)
        {
            return false;
        }

        foreach (var alternative in value.Split(','))
        {
            var token = Uri.UnescapeDataString(alternative);
            var bar = token.IndexOf('|', StringComparison.Ordinal);
            string? system = bar >= 0 ? token[..bar] : null;
            var code = bar >= 0 ? token[(bar + 1)..] : token;
            foreach (var path in paths)
            {
                foreach (var node in FhirJsonPath.Select(resource, path))
                {
                    if (MatchesNode(node, system, code))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool MatchesNode(JsonElement node, string? system, string code)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.String:
                // A code element has no system: "code" and "|code" match it.
                return string.IsNullOrEmpty(system) && code.Length > 0 && node.ValueEquals(code);
            case JsonValueKind.Object when node.TryGetProperty("coding", out var coding) && coding.ValueKind == JsonValueKind.Array:
                foreach (var item in coding.EnumerateArray())
                {
                    if (MatchesCoding(item, "code", system, code))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Object:
                return MatchesCoding(node, "code", system, code) || MatchesCoding(node, "value", system, code);
            default:
                return false;
        }
    }

    private static bool MatchesCoding(JsonElement coding, string codeProperty, string? system, string code)
    {
        if (coding.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var hasSystem = coding.TryGetProperty("system", out var systemElement) && systemElement.ValueKind == JsonValueKind.String;
        var hasCode = coding.TryGetProperty(codeProperty, out var codeElement) && codeElement.ValueKind == JsonValueKind.String;
        if (system is not null)
        {
            if (system.Length == 0 ? hasSystem : !(hasSystem && systemElement.ValueEquals(system)))
            {
                return false;
            }
        }

        return code.Length == 0 ? system is { Length: > 0 } : hasCode && codeElement.ValueEquals(code);
    }
}
