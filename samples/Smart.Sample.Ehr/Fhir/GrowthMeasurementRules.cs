using Hl7.Fhir.Model;
using Smart.AspNetCore.ResourceServer;
using Smart.Sample.Ehr.Data;

namespace Smart.Sample.Ehr.Fhir;

/// <summary>
/// What the sample accepts as a written Observation (SAMPLE-CONTRACT "The Growth Chart app records measurements"): a
/// vital-signs measurement of body height (LOINC 8302-2, cm), body weight (29463-7, kg) or head circumference (9843-4,
/// cm) of an existing patient, with a positive UCUM quantity and a time. Checked on the Firely model after parsing, so
/// a bad write is answered with an OperationOutcome and nothing is stored.
/// </summary>
public static class GrowthMeasurementRules
{
    private static readonly Dictionary<string, string> s_units = new(StringComparer.Ordinal)
    {
        [Codes.BodyHeight] = "cm",
        [Codes.BodyWeight] = "kg",
        [Codes.HeadCircumference] = "cm",
    };

    /// <summary>The LOINC codes the sample accepts in written Observations, with their UCUM unit.</summary>
    public static IReadOnlyDictionary<string, string> Units => s_units;

    /// <summary>
    /// Checks a written Observation. A subject other than the access token's patient is <c>403</c>; anything else wrong
    /// is <c>422</c> (FHIR's "unprocessable entity" for a resource that parses but breaks the server's business rules).
    /// </summary>
    /// <param name="observation">The parsed Observation.</param>
    /// <param name="access">The SMART access of the request, or <see langword="null"/> when the API is not protected.</param>
    /// <param name="store">The FHIR store (the subject must exist).</param>
    /// <param name="now">The current time (measurements may not lie in the future).</param>
    /// <returns><see langword="null"/> when acceptable, else the error result.</returns>
    /// <param name="cancellationToken">Aborts the store read.</param>
    public static async Task<IResult?> CheckAsync(Observation observation, SmartAccessContext? access, IFhirStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(store);
        var subject = observation.Subject?.Reference;
        if (subject is null || !subject.StartsWith("Patient/", StringComparison.Ordinal) || subject.Length == "Patient/".Length)
        {
            return Unprocessable("Observation.subject must reference the patient (Patient/<id>).", "Observation.subject");
        }

        var patientId = subject["Patient/".Length..];
        if (access?.Patient is { } contextPatient && !string.Equals(patientId, contextPatient, StringComparison.Ordinal))
        {
            return FhirResults.Error(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "Observation.subject must be the patient in context of the access token.");
        }

        if (await store.ReadAsync<Patient>(patientId, cancellationToken) is null)
        {
            return Unprocessable($"Observation.subject references an unknown patient.", "Observation.subject");
        }

        if (observation.Status is null)
        {
            return Unprocessable("Observation.status is required.", "Observation.status");
        }

        var loinc = observation.Code?.Coding.Where(c => c.System == Codes.LoincSystem && c.Code is not null && s_units.ContainsKey(c.Code)).Select(c => c.Code).Distinct().ToList() ?? [];
        if (loinc.Count != 1)
        {
            return Unprocessable($"Observation.code must carry exactly one of LOINC {string.Join(", ", s_units.Keys)}.", "Observation.code", OperationOutcome.IssueType.CodeInvalid);
        }

        if (!observation.Category.Any(c => c.Coding.Any(x => x.System == Codes.ObservationCategorySystem && x.Code == Codes.VitalSigns)))
        {
            return Unprocessable("Observation.category must include vital-signs.", "Observation.category", OperationOutcome.IssueType.CodeInvalid);
        }

        if (observation.Value is not Quantity quantity || quantity.Value is not { } value || value <= 0)
        {
            return Unprocessable("Observation.valueQuantity.value must be a number greater than 0.", "Observation.value");
        }

        var unit = s_units[loinc[0]!];
        if (quantity.System != Codes.UcumSystem || quantity.Code != unit)
        {
            return Unprocessable($"Observation.valueQuantity must be in UCUM '{unit}' for LOINC {loinc[0]}.", "Observation.value.code", OperationOutcome.IssueType.CodeInvalid);
        }

        if (observation.Effective is not FhirDateTime effective || FhirDateRange.From(effective) is not { } when)
        {
            return Unprocessable("Observation.effectiveDateTime is required.", "Observation.effective");
        }

        if (when.Start > now.AddMinutes(5))
        {
            return Unprocessable("Observation.effectiveDateTime lies in the future.", "Observation.effective");
        }

        return null;
    }

    private static IResult Unprocessable(string diagnostics, string expression, OperationOutcome.IssueType code = OperationOutcome.IssueType.Invalid)
    {
        var outcome = FhirResults.Outcome(OperationOutcome.IssueSeverity.Error, code, diagnostics);
        outcome.Issue[0].Expression = [expression];
        return FhirResults.Resource(outcome, StatusCodes.Status422UnprocessableEntity);
    }
}
