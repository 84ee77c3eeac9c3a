using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Smart.AspNetCore;
using Smart.AspNetCore.LaunchContext;
using Smart.Sample.Ehr.Accounts;
using Smart.Sample.Ehr.Clients;
using Smart.Sample.Ehr.Data;

namespace Smart.Sample.Ehr.Ehr;

/// <summary>
/// <c>GET /ehr/launch?client_id=..&amp;patient=..[&amp;encounter=..][&amp;embedded=true]</c>: the "Growth Chart" buttons
/// (a new window, or <c>embedded=true</c> for the chart page's app panel). Stores the launch
/// context through the library and sends the browser to the app's launch URL with <c>iss</c> and <c>launch</c>.
/// </summary>
public static class EhrLaunchEndpoints
{
    /// <summary>The SMART style document advertised to launched apps (changes name when its content changes).</summary>
    public const string StylePath = "/smart-style/v1.json";

    /// <summary>Maps <c>/ehr/launch</c> for signed-in clinicians.</summary>
    public static IEndpointConventionBuilder MapEhrLaunch(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/ehr/launch", LaunchAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = DemoRoles.Clinician });
    }

    private static async Task<IResult> LaunchAsync(
        HttpContext context,
        [FromQuery(Name = "client_id")] string? clientId,
        string? patient,
        string? encounter,
        string? embedded,
        RegisteredApps apps,
        IFhirStore store,
        ISmartLaunchService launches,
        IOptions<SmartOnFhirOptions> smart)
    {
        if (string.IsNullOrEmpty(clientId) || !apps.Launchable.Any(c => c.ClientId == clientId))
        {
            return Results.NotFound("Unknown app.");
        }

        if (string.IsNullOrEmpty(patient) || await store.ReadAsync<Patient>(patient, context.RequestAborted) is null || !context.User.CanSeePatient(patient))
        {
            return Results.NotFound("Unknown patient.");
        }

        if (!string.IsNullOrEmpty(encounter) && (await store.ReadAsync<Encounter>(encounter, context.RequestAborted))?.Subject?.Reference != "Patient/" + patient)
        {
            return Results.NotFound("Unknown encounter for this patient.");
        }

        var origin = smart.Value.FhirBaseUrl!.GetLeftPart(UriPartial.Authority);
        var launch = await launches.StartLaunchAsync(
            context.User,
            clientId,
            new SmartLaunchContext
            {
                Patient = patient,
                Encounter = string.IsNullOrEmpty(encounter) ? null : encounter,

                // In its own window the app is outside the EHR's chart, so it should show who the patient is; embedded
                // in the chart page's panel (embedded=true), the EHR already shows the patient (need_patient_banner false).
                NeedPatientBanner = !string.Equals(embedded, "true", StringComparison.Ordinal),
                SmartStyleUrl = origin + StylePath,
            },
            context.RequestAborted);
        return Results.Redirect(launch.LaunchUrl.AbsoluteUri);
    }
}
