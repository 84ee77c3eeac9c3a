using System.Text.Json;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// What a create (or the new version of an update) must satisfy beyond the scope check (RS-6, RS-8):
/// under a <c>patient/</c> grant the resource must be in the context patient's compartment <b>and in no other
/// patient's</b> (an Observation about the patient whose <c>performer</c> is another patient would otherwise land in that
/// patient's record); granular scopes must match the new resource; a conditional create (<c>If-None-Exist</c>, also
/// <c>request.ifNoneExist</c> in Bundles) is a search as well and needs search permission on the type.
/// </summary>
internal static class SmartWriteRules
{
    /// <summary>The HTTP header of a conditional create.</summary>
    public const string IfNoneExistHeader = "If-None-Exist";

    public static bool Permits(SmartAccessContext access, string resourceType, JsonElement resource, SmartPermissions permission)
    {
        foreach (var rule in access.GetRules(resourceType, permission))
        {
            if (!rule.Matches(resourceType, resource, access.Patient, access.FhirBase))
            {
                continue;
            }

            if (rule.PatientCompartment && ReferencesAnotherPatient(resourceType, resource, access.Patient!, access.FhirBase))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// A create with a condition also searches <paramref name="resourceType"/>: the token must permit search on it, and a
    /// constrained search makes the response (the existing match the server may return) subject to the response check.
    /// </summary>
    public static SmartAccessDecision CheckConditionalCreate(SmartAccessContext access, string resourceType, string? ifNoneExist, SmartAccessDecision decision)
    {
        if (!decision.IsAllowed || string.IsNullOrEmpty(ifNoneExist))
        {
            return decision;
        }

        var rules = access.GetRules(resourceType, SmartPermissions.Search);
        if (rules.Count == 0)
        {
            return SmartAccessDecision.Deny($"A conditional create (If-None-Exist) searches {resourceType}: granted scopes do not permit search on {resourceType}");
        }

        return rules.Exists(r => r.IsUnrestricted) ? decision : decision with { CheckResponse = true };
    }

    /// <summary>Whether a compartment element of the resource references a Patient other than <paramref name="patientId"/>.</summary>
    internal static bool ReferencesAnotherPatient(string resourceType, JsonElement resource, string patientId, string fhirBase)
    {
        foreach (var parameter in PatientCompartment.GetParameters(resourceType))
        {
            foreach (var path in FhirSearchParameterPaths.Get(resourceType, parameter))
            {
                foreach (var node in FhirJsonPath.Select(resource, path))
                {
                    if (node.ValueKind == JsonValueKind.Object
                        && node.TryGetProperty("reference", out var reference)
                        && reference.ValueKind == JsonValueKind.String
                        && reference.GetString() is { } value
                        && IsPatientReference(value)
                        && !PatientCompartment.IsPatientReference(value, patientId, fhirBase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsPatientReference(string reference) =>
        reference.StartsWith("Patient/", StringComparison.Ordinal) || reference.Contains("/Patient/", StringComparison.Ordinal);
}
