using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Smart.AspNetCore.Grants;
using Smart.Sample.Ehr.Accounts;
using Smart.Sample.Ehr.Clients;
using Smart.Sample.Ehr.Pages.Account;

namespace Smart.Sample.Ehr.Pages.Ehr;

/// <summary>
/// The administrator's view of the apps' grants (the clinician stands in for an administrator in the sample): every
/// user's grants per app, revoking all of an app's grants (withdrawn from the catalogue) or all of a user's (a
/// stolen laptop).
/// </summary>
public sealed class AppsModel(ISmartGrantManager grants, RegisteredApps apps) : PageModel
{
    /// <summary>Each registered user app with its users' grants.</summary>
    public IReadOnlyList<(string ClientId, string Name, IReadOnlyList<ConnectedApp> Users)> Catalogue { get; private set; } = [];

    /// <summary>What was just revoked, for the confirmation message.</summary>
    [TempData]
    public string? Revoked { get; set; }

    /// <summary>Lists the grants of every app.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.IsClinician())
        {
            return Forbid();
        }

        var catalogue = new List<(string, string, IReadOnlyList<ConnectedApp>)>();
        foreach (var app in apps.UserApps)
        {
            var users = ConnectedApp.From(await grants.ListClientGrantsAsync(app.ClientId, HttpContext.RequestAborted), apps.NameOf);
            catalogue.Add((app.ClientId, app.ClientName ?? app.ClientId, users));
        }

        Catalogue = catalogue;
        return Page();
    }

    /// <summary>Revokes every grant of an app, of every user.</summary>
    /// <param name="clientId">The app.</param>
    public async Task<IActionResult> OnPostRevokeClientAsync(string? clientId)
    {
        if (!User.IsClinician())
        {
            return Forbid();
        }

        if (!string.IsNullOrEmpty(clientId))
        {
            var count = await grants.RevokeClientAsync(clientId, HttpContext.RequestAborted);
            Revoked = $"{count} grant(s) of {apps.NameOf(clientId)} revoked.";
        }

        return LocalRedirect("/ehr/apps");
    }

    /// <summary>Revokes every grant of a user, to every app.</summary>
    /// <param name="subject">The user.</param>
    public async Task<IActionResult> OnPostRevokeUserAsync(string? subject)
    {
        if (!User.IsClinician())
        {
            return Forbid();
        }

        if (!string.IsNullOrEmpty(subject))
        {
            var count = await grants.RevokeUserAsync(subject, HttpContext.RequestAborted);
            Revoked = $"{count} grant(s) of user {subject} revoked.";
        }

        return LocalRedirect("/ehr/apps");
    }
}
