using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Smart.Sample.Ehr.Accounts;
using Smart.Sample.Ehr.Data;
using Task = System.Threading.Tasks.Task;

namespace Smart.Sample.Ehr.Pages.Ehr;

/// <summary>The patient list: every patient for a clinician, their own record for a patient.</summary>
public sealed class IndexModel(IFhirStore store, TimeProvider time) : PageModel
{
    /// <summary>The patients shown.</summary>
    public IReadOnlyList<Patient> Patients { get; private set; } = [];

    /// <summary>Today, for ages.</summary>
    public DateOnly Today { get; } = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Loads the patients the user may see.</summary>
    public async Task OnGetAsync()
    {
        var own = User.OwnPatientId();
        Patients = [.. (await store.AllAsync<Patient>(HttpContext.RequestAborted)).Where(p => User.IsClinician() || p.Id == own)];
    }
}
