using Microsoft.AspNetCore.Authentication.Cookies;

namespace Smart.Sample.Ehr.Accounts;

/// <summary>Registers the EHR's own sign-in: a cookie scheme (the host's default) and the demo accounts.</summary>
public static class DemoAccountsServiceCollectionExtensions
{
    /// <summary>The login page; Smart.AspNetCore's authorize endpoint challenges the default scheme, which redirects here.</summary>
    public const string LoginPath = "/account/login";

    /// <summary>Adds cookie authentication as the default scheme and the demo user store.</summary>
    public static IServiceCollection AddDemoAccounts(this IServiceCollection services)
    {
        services.AddSingleton<DemoUserStore>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = LoginPath;
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/denied";
                options.ReturnUrlParameter = "returnUrl";
                options.Cookie.Name = "SmartSampleEhr";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });
        services.AddAuthorization();
        return services;
    }
}
