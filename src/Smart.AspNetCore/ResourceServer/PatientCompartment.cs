using System.Collections.Frozen;
using System.Text.Json;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// The FHIR R4 Patient compartment (<see href="https://hl7.org/fhir/R4/compartmentdefinition-patient.html">CompartmentDefinition/patient</see>):
/// for each resource type in the compartment, the search parameters that link it to the patient. The Firely SDK does
/// not ship the CompartmentDefinition itself, so the table is embedded here; the element paths of each parameter come
/// from the Firely SDK's search parameter data (<see cref="FhirSearchParameterPaths"/>).
/// </summary>
internal static class PatientCompartment
{
    private static readonly FrozenDictionary<string, string[]> s_parameters = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Account"] = ["subject"],
        ["AdverseEvent"] = ["subject"],
        ["AllergyIntolerance"] = ["patient", "recorder", "asserter"],
        ["Appointment"] = ["actor"],
        ["AppointmentResponse"] = ["actor"],
        ["AuditEvent"] = ["patient"],
        ["Basic"] = ["patient", "author"],
        ["BodyStructure"] = ["patient"],
        ["CarePlan"] = ["patient", "performer"],
        ["CareTeam"] = ["patient", "participant"],
        ["ChargeItem"] = ["subject"],
        ["Claim"] = ["patient", "payee"],
        ["ClaimResponse"] = ["patient"],
        ["ClinicalImpression"] = ["subject"],
        ["Communication"] = ["subject", "sender", "recipient"],
        ["CommunicationRequest"] = ["subject", "sender", "recipient", "requester"],
        ["Composition"] = ["subject", "author", "attester"],
        ["Condition"] = ["patient", "asserter"],
        ["Consent"] = ["patient"],
        ["Coverage"] = ["policy-holder", "subscriber", "beneficiary", "payor"],
        ["CoverageEligibilityRequest"] = ["patient"],
        ["CoverageEligibilityResponse"] = ["patient"],
        ["DetectedIssue"] = ["patient"],
        ["DeviceRequest"] = ["subject", "performer"],
        ["DeviceUseStatement"] = ["subject"],
        ["DiagnosticReport"] = ["subject"],
        ["DocumentManifest"] = ["subject", "author", "recipient"],
        ["DocumentReference"] = ["subject", "author"],
        ["Encounter"] = ["patient"],
        ["EnrollmentRequest"] = ["subject"],
        ["EpisodeOfCare"] = ["patient"],
        ["ExplanationOfBenefit"] = ["patient", "payee"],
        ["FamilyMemberHistory"] = ["patient"],
        ["Flag"] = ["patient"],
        ["Goal"] = ["patient"],
        ["Group"] = ["member"],
        ["ImagingStudy"] = ["patient"],
        ["Immunization"] = ["patient"],
        ["ImmunizationEvaluation"] = ["patient"],
        ["ImmunizationRecommendation"] = ["patient"],
        ["Invoice"] = ["subject", "patient", "recipient"],
        ["List"] = ["subject", "source"],
        ["MeasureReport"] = ["patient"],
        ["Media"] = ["subject"],
        ["MedicationAdministration"] = ["patient", "performer", "subject"],
        ["MedicationDispense"] = ["subject", "patient", "receiver"],
        ["MedicationRequest"] = ["subject"],
        ["MedicationStatement"] = ["subject"],
        ["MolecularSequence"] = ["patient"],
        ["NutritionOrder"] = ["patient"],
        ["Observation"] = ["subject", "performer"],
        ["Patient"] = ["link"],
        ["Person"] = ["patient"],
        ["Procedure"] = ["patient", "performer"],
        ["Provenance"] = ["patient"],
        ["QuestionnaireResponse"] = ["subject", "author"],
        ["RelatedPerson"] = ["patient"],
        ["RequestGroup"] = ["subject", "participant"],
        ["ResearchSubject"] = ["individual"],
        ["RiskAssessment"] = ["subject"],
        ["Schedule"] = ["actor"],
        ["ServiceRequest"] = ["subject", "performer"],
        ["Specimen"] = ["subject"],
        ["SupplyDelivery"] = ["patient"],
        ["SupplyRequest"] = ["subject"],
        ["VisionPrescription"] = ["patient"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gets the resource types in the Patient compartment.</summary>
    public static IEnumerable<string> ResourceTypes => s_parameters.Keys;

    /// <summary>Determines whether <paramref name="resourceType"/> is in the Patient compartment (Patient itself included).</summary>
    public static bool Contains(string resourceType) => s_parameters.ContainsKey(resourceType);

    /// <summary>Gets the compartment search parameters of <paramref name="resourceType"/>, empty when it is not in the compartment.</summary>
    public static IReadOnlyList<string> GetParameters(string resourceType) =>
        s_parameters.TryGetValue(resourceType, out var parameters) ? parameters : [];

    /// <summary>
    /// Determines whether <paramref name="resource"/> (JSON) is in the compartment of patient <paramref name="patientId"/>:
    /// a Patient whose <c>id</c> is the patient (<c>Patient.link</c> is not followed), or a resource whose compartment
    /// parameter elements reference <c>Patient/&lt;id&gt;</c> (relative, versioned, or absolute on <paramref name="fhirBase"/>).
    /// Types outside the compartment are never members.
    /// </summary>
    public static bool IsMember(string resourceType, JsonElement resource, string patientId, string fhirBase)
    {
        if (string.Equals(resourceType, "Patient", StringComparison.Ordinal))
        {
            return resource.ValueKind == JsonValueKind.Object
                && resource.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.ValueEquals(patientId);
        }

        if (!s_parameters.TryGetValue(resourceType, out var parameters))
        {
            return false;
        }

        foreach (var parameter in parameters)
        {
            foreach (var path in FhirSearchParameterPaths.Get(resourceType, parameter))
            {
                foreach (var node in FhirJsonPath.Select(resource, path))
                {
                    if (node.ValueKind == JsonValueKind.Object
                        && node.TryGetProperty("reference", out var reference)
                        && reference.ValueKind == JsonValueKind.String
                        && IsPatientReference(reference.GetString().AsSpan(), patientId, fhirBase))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Determines whether a reference points at <c>Patient/&lt;id&gt;</c> on this server.</summary>
    internal static bool IsPatientReference(ReadOnlySpan<char> reference, string patientId, string fhirBase)
    {
        if (reference.StartsWith(fhirBase, StringComparison.Ordinal) && reference.Length > fhirBase.Length && reference[fhirBase.Length] == '/')
        {
            reference = reference[(fhirBase.Length + 1)..];
        }

        if (!reference.StartsWith("Patient/", StringComparison.Ordinal))
        {
            return false;
        }

        reference = reference["Patient/".Length..];
        var history = reference.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0)
        {
            reference = reference[..history];
        }

        return reference.SequenceEqual(patientId);
    }
}
