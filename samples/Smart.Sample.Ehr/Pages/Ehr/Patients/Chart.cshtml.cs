using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Smart.AspNetCore.Clients;
using Smart.Sample.Ehr.Accounts;
using Smart.Sample.Ehr.Clients;
using Smart.Sample.Ehr.Data;
using Smart.Sample.Ehr.Fhir;

namespace Smart.Sample.Ehr.Pages.Ehr.Patients;

/// <summary>A patient's chart: demographics, latest vitals, observations, conditions, encounters and SMART apps.</summary>
public sealed class ChartModel(IFhirStore store, RegisteredApps apps, TimeProvider time) : PageModel
{
    // The vitals summarised at the top of the chart, in this order.
    private static readonly string[] s_vitalOrder =
        [Codes.BodyHeight, Codes.BodyWeight, Codes.HeadCircumference, Codes.BloodPressure, Codes.HeartRate, Codes.Bmi];

    /// <summary>The patient.</summary>
    public Patient Patient { get; private set; } = new();

    /// <summary>Today, for the age.</summary>
    public DateOnly Today { get; } = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The latest value of each vital sign.</summary>
    public IReadOnlyList<Observation> LatestVitals { get; private set; } = [];

    /// <summary>Every observation, newest first.</summary>
    public IReadOnlyList<Observation> Observations { get; private set; } = [];

    /// <summary>The patient's conditions.</summary>
    public IReadOnlyList<Condition> Conditions { get; private set; } = [];

    /// <summary>The patient's encounters, newest first.</summary>
    public IReadOnlyList<Encounter> Encounters { get; private set; } = [];

    /// <summary>The SMART apps that can be launched from this chart (clinicians only).</summary>
    public IReadOnlyList<SmartClient> Apps { get; private set; } = [];

    /// <summary>Loads the chart; 403 when the user may not see it, 404 when the patient is unknown.</summary>
    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!User.CanSeePatient(id))
        {
            return Forbid();
        }

        if (await store.ReadAsync<Patient>(id, HttpContext.RequestAborted) is not { } patient)
        {
            return NotFound();
        }

        Patient = patient;
        Observations = [.. (await OfPatientAsync<Observation>(id, o => o.Subject)).OrderByDescending(o => Start(o.Effective))];
        // Restricted records (meta.security R/V) are shown to clinicians, with a badge; not on a patient's own view.
        Conditions = [.. (await OfPatientAsync<Condition>(id, c => c.Subject)).Where(c => User.IsClinician() || !IsRestricted(c))];
        Encounters = [.. (await OfPatientAsync<Encounter>(id, e => e.Subject)).OrderByDescending(e => Start(e.Period))];
        LatestVitals =
        [
            .. Observations
                .Where(o => o.Category.Any(c => c.Coding.Any(x => x.Code == Codes.VitalSigns)))
                .GroupBy(LoincCode)
                .Select(g => g.First())
                .OrderBy(o => Array.IndexOf(s_vitalOrder, LoincCode(o)) is var i and >= 0 ? i : int.MaxValue),
        ];
        Apps = User.IsClinician() ? apps.Launchable : [];
        return Page();
    }

    /// <summary>The EHR launch link for an app (handled by <c>/ehr/launch</c>).</summary>
    public string LaunchHref(SmartClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return "/ehr/launch" + QueryString.Create("client_id", client.ClientId).Add("patient", Patient.Id ?? string.Empty);
    }

    /// <summary>Whether a resource is labelled restricted or very restricted (v3-Confidentiality R or V).</summary>
    public static bool IsRestricted(Resource resource) =>
        resource?.Meta?.Security.Any(s => s.System == Codes.ConfidentialitySystem && s.Code is Codes.Restricted or Codes.VeryRestricted) == true;

    /// <summary>The EHR launch link for an app opened inside the chart page's app panel (<c>need_patient_banner</c> false).</summary>
    public string EmbedHref(SmartClient client) => LaunchHref(client) + "&embedded=true";

    /// <summary>The category of an observation, for display.</summary>
    public static string Category(Observation observation) =>
        observation?.Category.Select(FhirDisplay.Concept).FirstOrDefault() ?? "—";

    private async Task<IEnumerable<T>> OfPatientAsync<T>(string patientId, Func<T, ResourceReference?> subject)
        where T : Resource => (await store.AllAsync<T>(HttpContext.RequestAborted)).Where(r => FhirSearch.PatientId(subject(r)) == patientId);

    private static string? LoincCode(Observation observation) =>
        observation.Code?.Coding.FirstOrDefault(c => c.System == Codes.LoincSystem)?.Code;

    private static DateTimeOffset Start(DataType? value) => FhirDateRange.From(value)?.Start ?? DateTimeOffset.MinValue;
}
