using System.Text.Json;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// The security-label rule of the resource server: a resource whose <c>meta.security</c> holds one of the restricted
/// labels (<see cref="SmartResourceServerOptions.RestrictedSecurityLabels"/>, <c>system|code</c>) is withheld from every
/// token, whatever its scopes, unless the token's grant was elevated by breaking the glass and the resource is in the
/// compartment of the token's patient. Reads answer 403, searches, <c>_include</c>/<c>_revinclude</c> and batch entries
/// leave it out (<see cref="SmartResponseChecker"/>).
/// </summary>
internal static class SmartSecurityLabels
{
    /// <summary>The HL7 v3 Confidentiality code system.</summary>
    public const string ConfidentialitySystem = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    /// <summary>The default restricted labels: v3-Confidentiality <c>R</c> (restricted) and <c>V</c> (very restricted).</summary>
    public static readonly string[] Defaults = [ConfidentialitySystem + "|R", ConfidentialitySystem + "|V"];

    /// <summary>The message of a refused read.</summary>
    public const string RestrictedMessage = "The resource carries a restricted security label; it is available only to an authorization in which the user broke the glass for this patient.";

    /// <summary>
    /// Whether a response to <paramref name="interaction"/> may carry resources the label rule withholds. Writes answer
    /// with what the app itself sent and are not filtered.
    /// </summary>
    public static bool Applies(SmartAccessContext access, FhirInteraction interaction) =>
        access.RestrictedLabels.Count > 0
        && interaction is not (FhirInteraction.Capabilities or FhirInteraction.Create or FhirInteraction.Update or FhirInteraction.Patch
            or FhirInteraction.ConditionalUpdate or FhirInteraction.Delete or FhirInteraction.ConditionalDelete);

    /// <summary>Whether the token may not receive <paramref name="resource"/> because of its security labels.</summary>
    public static bool IsWithheld(SmartAccessContext access, string resourceType, JsonElement resource)
    {
        if (access.RestrictedLabels.Count == 0 || !HasRestrictedLabel(resource, access.RestrictedLabels))
        {
            return false;
        }

        return !(access.IsBreakGlass
            && access.Patient is { } patient
            && PatientCompartment.IsMember(resourceType, resource, patient, access.FhirBase));
    }

    /// <summary>
    /// Whether <c>meta.security</c> holds a restricted label. A configured label without <c>|</c> matches that code in
    /// any system (the stricter reading).
    /// </summary>
    internal static bool HasRestrictedLabel(JsonElement resource, IReadOnlyCollection<string> labels)
    {
        if (resource.ValueKind != JsonValueKind.Object
            || !resource.TryGetProperty("meta", out var meta) || meta.ValueKind != JsonValueKind.Object
            || !meta.TryGetProperty("security", out var security) || security.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var coding in security.EnumerateArray())
        {
            if (coding.ValueKind != JsonValueKind.Object || !coding.TryGetProperty("code", out var codeElement) || codeElement.GetString() is not { } code)
            {
                continue;
            }

            var system = coding.TryGetProperty("system", out var systemElement) ? systemElement.GetString() : null;
            foreach (var label in labels)
            {
                var bar = label.IndexOf('|', StringComparison.Ordinal);
                if (bar < 0
                    ? string.Equals(label, code, StringComparison.Ordinal)
                    : label.AsSpan(bar + 1).SequenceEqual(code) && label.AsSpan(0, bar).SequenceEqual(system))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
