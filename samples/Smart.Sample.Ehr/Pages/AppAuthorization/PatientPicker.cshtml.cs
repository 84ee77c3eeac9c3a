using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Smart.AspNetCore.Framing;
using Smart.AspNetCore.Interaction;
using Smart.Sample.Ehr.Accounts;
using Smart.Sample.Ehr.Data;

namespace Smart.Sample.Ehr.Pages.AppAuthorization;

/// <summary>The EHR's patient picker for standalone launches that ask for <c>launch/patient</c> (AUTHZ-14).</summary>
[SmartFrameAncestors] // SEC-7: framed only by the EHR itself (its embedded launch) and configured origins.
public sealed class PatientPickerModel(ISmartAuthorizationInteraction interaction, IFhirStore store) : PageModel
{
    /// <summary>The pending request.</summary>
    public SmartAuthorizationRequestInfo? Pending { get; private set; }

    /// <summary>The patients this user may choose.</summary>
    public IReadOnlyList<Patient> Patients { get; private set; } = [];

    /// <summary>Shows the patients the user may see.</summary>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "request_id")] string? requestId)
    {
        Pending = await interaction.GetRequestAsync(User, requestId ?? string.Empty, HttpContext.RequestAborted);
        if (Pending is null)
        {
            return Expired();
        }

        Patients = [.. (await store.AllAsync<Patient>(HttpContext.RequestAborted)).Where(p => p.Id is not null && User.CanSeePatient(p.Id))];
        return Page();
    }

    /// <summary>Records the chosen patient, if the user may see it, and resumes the authorization.</summary>
    public async Task<IActionResult> OnPostAsync([FromForm(Name = "request_id")] string? requestId, string patient)
    {
        if (string.IsNullOrEmpty(patient) || await store.ReadAsync<Patient>(patient, HttpContext.RequestAborted) is null || !User.CanSeePatient(patient))
        {
            return BadRequest("Choose one of the listed patients.");
        }

        var resume = await interaction.SelectPatientAsync(User, requestId ?? string.Empty, patient, cancellationToken: HttpContext.RequestAborted);
        return resume is null ? Expired() : LocalRedirect(resume);
    }

    private ContentResult Expired() => new()
    {
        StatusCode = StatusCodes.Status400BadRequest,
        ContentType = "text/plain; charset=utf-8",
        Content = "This authorization request has expired or belongs to another user. Start the app again.",
    };
}
