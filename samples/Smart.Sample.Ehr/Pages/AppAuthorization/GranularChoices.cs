using Smart.AspNetCore.Scopes;

namespace Smart.Sample.Ehr.Pages.AppAuthorization;

/// <summary>
/// Category sub-scopes the consent page offers for a resource-level Condition or Observation scope (AUTHZ-13, the US
/// (g)(10) list), and the rule that picking any of them grants those instead of the resource-level scope.
/// </summary>
public static class GranularChoices
{
    private static readonly (string Type, string System, string Code, string Label)[] s_categories =
    [
        ("Condition", "http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", "Encounter diagnoses"),
        ("Condition", "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem list"),
        ("Condition", "http://hl7.org/fhir/us/core/CodeSystem/condition-category", "health-concern", "Health concerns"),
        ("Observation", "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory results"),
        ("Observation", "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital signs"),
        ("Observation", "http://terminology.hl7.org/CodeSystem/observation-category", "social-history", "Social history"),
        ("Observation", "http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Surveys"),
        ("Observation", "http://hl7.org/fhir/us/core/CodeSystem/us-core-category", "sdoh", "Social determinants of health"),
        ("Observation", "http://terminology.hl7.org/CodeSystem/observation-category", "exam", "Clinical tests and exams"),
    ];

    /// <summary>The category scopes offered under <paramref name="scope"/>, or none.</summary>
    public static IReadOnlyList<(string Scope, string Label)> For(string scope)
    {
        if (!SmartScope.TryParse(scope, out var parsed) || parsed.Kind != SmartScopeKind.Resource || parsed.IsWildcard || parsed.IsConstrained
            || parsed.ResourceType is not ("Condition" or "Observation"))
        {
            return [];
        }

        // Granular scopes exist in v2 syntax only: keep the permissions, write them as v2 letters.
        var v2 = parsed.ToV2String();
        return [.. s_categories
            .Where(c => c.Type == parsed.ResourceType)
            .Select(c => ($"{v2}?category={c.System}|{c.Code}", c.Label))];
    }

    /// <summary>
    /// When the user picked categories under a resource-level scope, the categories replace it; otherwise the approved
    /// list is unchanged.
    /// </summary>
    public static IReadOnlyList<string> Apply(IReadOnlyList<string> approved)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var granular = approved.Where(s => SmartScope.TryParse(s, out var g) && g.IsConstrained).ToList();
        return [.. approved.Where(s => !For(s).Any(choice => granular.Contains(choice.Scope, StringComparer.Ordinal)))];
    }
}
