using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Smart.AspNetCore.Grants;

namespace Smart.Sample.Ehr.Pages.Account;

/// <summary>Signs the user out (POST only; GET shows a button).</summary>
[AllowAnonymous]
public sealed class LogoutModel(ISmartGrantManager grants) : PageModel
{
    /// <summary>Shows a sign-out button.</summary>
    public void OnGet()
    {
    }

    /// <summary>Ends the user's online_access SMART grants, removes the session cookie and returns to the login page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await grants.EndSessionAsync(User, HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/account/login");
    }
}
