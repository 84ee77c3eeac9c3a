using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Smart.AspNetCore.Framing;
using Smart.Sample.Ehr.Accounts;

namespace Smart.Sample.Ehr.Pages.Account;

/// <summary>The EHR's sign-in page (also used by Smart.AspNetCore's authorize endpoint through the cookie challenge).</summary>
[AllowAnonymous]
[SmartFrameAncestors] // SEC-7: framed only by the EHR itself (its embedded launch) and configured origins.
public sealed class LoginModel(DemoUserStore users, ILoginLockout lockout) : PageModel
{
    /// <summary>Where to go after signing in; only local URLs are followed.</summary>
    [BindProperty(SupportsGet = true, Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    /// <summary>The username typed in (kept when the form is shown again).</summary>
    public string? Username { get; private set; }

    /// <summary>The message shown after a failed attempt.</summary>
    public string? Error { get; private set; }

    /// <summary>The form's action: this page, keeping the return URL.</summary>
    public string Action => string.IsNullOrEmpty(ReturnUrl)
        ? "/account/login"
        : "/account/login" + QueryString.Create("returnUrl", ReturnUrl);

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Checks the credentials, signs in with the cookie scheme and follows the return URL.</summary>
    public async Task<IActionResult> OnPostAsync([FromForm(Name = "username")] string? username, [FromForm(Name = "password")] string? password)
    {
        if (users.Exists(username) && await lockout.LockedForAsync(username!, HttpContext.RequestAborted) is { } wait)
        {
            Username = username;
            Error = $"Too many wrong passwords: this account is locked for {Math.Ceiling(wait.TotalSeconds)} seconds.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }

        var user = users.Validate(username, password);
        if (user is null)
        {
            if (users.Exists(username))
            {
                await lockout.FailedAsync(username!, HttpContext.RequestAborted);
            }

            Username = username;
            Error = "Unknown username or wrong password.";
            return Page();
        }

        await lockout.SucceededAsync(user.Username, HttpContext.RequestAborted);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, DemoUserStore.CreatePrincipal(user));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/ehr");
    }
}
