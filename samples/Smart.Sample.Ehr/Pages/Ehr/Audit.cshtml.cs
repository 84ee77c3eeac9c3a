using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Smart.AspNetCore.Audit;
using Smart.Sample.Ehr.Accounts;
using Smart.Sample.Ehr.Audit;
using Smart.Sample.Ehr.Data;

namespace Smart.Sample.Ehr.Pages.Ehr;

/// <summary>
/// The clinician's audit page (<c>/ehr/audit</c>): which app did what, for which user and patient, and who was
/// refused, newest first, optionally for one patient. Reads the same trail as <c>{fhir}/AuditEvent</c>.
/// </summary>
[Authorize(Roles = DemoRoles.Clinician)]
public sealed class AuditModel(IAuditTrail trail, IFhirStore store) : PageModel
{
    /// <summary>How many events the page shows.</summary>
    public const int PageSize = 200;

    /// <summary>The patient filter (<c>?patient=</c>), or <see langword="null"/> for every patient.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Patient { get; set; }

    /// <summary>The patients offered in the filter.</summary>
    public IReadOnlyList<Patient> Patients { get; private set; } = [];

    /// <summary>The events shown, newest first.</summary>
    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];

    /// <summary>How many events match the filter (more than <see cref="PageSize"/> are not shown).</summary>
    public int Total { get; private set; }

    /// <summary>Loads the trail.</summary>
    public async System.Threading.Tasks.Task OnGetAsync(CancellationToken cancellationToken)
    {
        Patients = await store.AllAsync<Patient>(cancellationToken);
        var reference = string.IsNullOrWhiteSpace(Patient) ? null : "Patient/" + Patient.Trim();
        var events = (await trail.NewestFirstAsync(cancellationToken))
            .Where(e => reference is null || e.Entity.Any(x => x.What?.Reference == reference))
            .ToList();
        Total = events.Count;
        Rows = [.. events.Take(PageSize).Select(AuditRow.From)];
    }

    /// <summary>One AuditEvent as the page shows it.</summary>
    public sealed record AuditRow(string Id, DateTimeOffset? Recorded, string Code, string Event, bool Success, string? App, string? User, string? PatientId, string? Detail)
    {
        /// <summary>Reads the row from the AuditEvent.</summary>
        public static AuditRow From(AuditEvent e)
        {
            var subtype = e.Subtype.FirstOrDefault(c => c.System == SmartAuditEventCodes.System);
            var app = e.Agent.FirstOrDefault(a => a.Who?.Identifier?.System == SmartFhirAuditEventMapper.ClientIdSystem)?.Who?.Identifier?.Value;
            var user = e.Agent.FirstOrDefault(a => a.Who?.Identifier?.System == SmartFhirAuditEventMapper.UserIdSystem)?.Who;
            var patient = e.Entity.Select(x => x.What?.Reference).FirstOrDefault(r => r?.StartsWith("Patient/", StringComparison.Ordinal) == true);
            var details = e.Entity.SelectMany(x => x.Detail)
                .Where(d => d.Type is "scope" or "break_glass_reason")
                .Select(d => (d.Type == "scope" ? "Scopes: " : "Break-glass reason: ") + d.Value);
            var detail = string.Join(" · ", new[] { e.OutcomeDesc }.Concat(details).Where(s => !string.IsNullOrEmpty(s)));
            return new AuditRow(
                e.Id ?? string.Empty,
                e.Recorded,
                subtype?.Code ?? string.Empty,
                subtype?.Display ?? subtype?.Code ?? "Event",
                e.Outcome == AuditEvent.AuditEventOutcome.N0,
                app,
                user?.Reference ?? user?.Identifier?.Value,
                patient?["Patient/".Length..],
                detail.Length == 0 ? null : detail);
        }
    }
}
