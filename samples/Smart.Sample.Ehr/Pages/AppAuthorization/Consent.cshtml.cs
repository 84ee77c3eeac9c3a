using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Smart.AspNetCore.Framing;
using Smart.AspNetCore.Interaction;
using Smart.Sample.Ehr.Accounts;
using Smart.Sample.Ehr.Data;

namespace Smart.Sample.Ehr.Pages.AppAuthorization;

/// <summary>
/// The EHR's consent page for SMART apps (AUTHZ-11, AUTHZ-12): the user sees what the app asks for in plain language,
/// may untick data scopes, and allows or denies. Deny ends in <c>access_denied</c> at the app.
/// </summary>
[SmartFrameAncestors] // SEC-7: framed only by the EHR itself (its embedded launch) and configured origins.
public sealed class ConsentModel(ISmartAuthorizationInteraction interaction, IFhirStore store) : PageModel
{
    /// <summary>The pending request.</summary>
    public SmartAuthorizationRequestInfo? Pending { get; private set; }

    /// <summary>The display name of the patient in context, if any.</summary>
    public string? PatientName { get; private set; }

    /// <summary>Whether the consent page offers to break the glass (clinicians, with a patient in context).</summary>
    public bool OffersBreakGlass { get; private set; }

    /// <summary>Shows the request.</summary>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "request_id")] string? requestId)
    {
        Pending = await interaction.GetRequestAsync(User, requestId ?? string.Empty, HttpContext.RequestAborted);
        if (Pending is null)
        {
            return Expired();
        }

        PatientName = Pending.Patient is { } id && await store.ReadAsync<Hl7.Fhir.Model.Patient>(id, HttpContext.RequestAborted) is { } patient ? FhirDisplay.Name(patient.Name) : null;
        OffersBreakGlass = Pending.Patient is not null && User.IsClinician();
        return Page();
    }

    /// <summary>Records the decision and returns the browser to the authorization endpoint.</summary>
    public async Task<IActionResult> OnPostAsync(
        [FromForm(Name = "request_id")] string? requestId,
        string decision,
        string[] scope,
        [FromForm(Name = "break_glass_reason")] string? breakGlassReason)
    {
        // The reason goes to the library whoever posts it: EhrSmartEvents.ValidateBreakGlass allows clinicians only.
        var resume = string.Equals(decision, "allow", StringComparison.Ordinal)
            ? await interaction.ApproveWithBreakGlassAsync(User, requestId ?? string.Empty, GranularChoices.Apply(scope ?? []), breakGlassReason, HttpContext.RequestAborted)
            : await interaction.DenyAsync(User, requestId ?? string.Empty, HttpContext.RequestAborted);
        return resume is null ? Expired() : LocalRedirect(resume);
    }

    private ContentResult Expired() => new()
    {
        StatusCode = StatusCodes.Status400BadRequest,
        ContentType = "text/plain; charset=utf-8",
        Content = "This authorization request has expired or belongs to another user. Start the app again.",
    };
}
