using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Smart.AspNetCore.Grants;
using Smart.Sample.Ehr.Clients;

namespace Smart.Sample.Ehr.Pages.Account;

/// <summary>
/// SAMPLE-CONTRACT "Connected apps": the signed-in user's authorized apps, each with a revoke button. Revoking ends
/// every grant of the user to the app at once, on every instance (refresh tokens, access tokens, remembered consent).
/// </summary>
[Authorize]
public sealed class AppsModel(ISmartGrantManager grants, RegisteredApps apps) : PageModel
{
    /// <summary>The user's apps, newest grant first.</summary>
    public IReadOnlyList<ConnectedApp> Apps { get; private set; } = [];

    /// <summary>The app just revoked, for the confirmation message.</summary>
    [TempData]
    public string? Revoked { get; set; }

    /// <summary>Lists the apps.</summary>
    public async Task OnGetAsync() =>
        Apps = ConnectedApp.From(await grants.ListGrantsAsync(User, HttpContext.RequestAborted), apps.NameOf);

    /// <summary>Revokes every grant of the user to <paramref name="clientId"/>, then shows the list again.</summary>
    /// <param name="clientId">The app to disconnect.</param>
    public async Task<IActionResult> OnPostRevokeAsync(string? clientId)
    {
        if (!string.IsNullOrEmpty(clientId))
        {
            await grants.RevokeAsync(User, clientId, HttpContext.RequestAborted);
            Revoked = apps.NameOf(clientId);
        }

        return LocalRedirect("/account/apps");
    }
}
