using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>Steps the browser tests share: signing in, and opening the Growth Chart from a chart page.</summary>
public static class BrowserFlows
{
    /// <summary>Signs in with a demo account (password = user name) and waits to leave the login page.</summary>
    public static async Task LoginAsync(IPage page, string origin, string user)
    {
        await page.GotoAsync(origin + "/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", user);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>
    /// EHR launch as a signed-in clinician: opens peds-001's chart, clicks "Growth Chart" and returns the new window,
    /// which stops at the consent page.
    /// </summary>
    public static async Task<IPage> LaunchGrowthChartAsync(IBrowserContext context, IPage page, string origin)
    {
        await page.GotoAsync(origin + "/ehr/patients/peds-001");
        var app = await context.RunAndWaitForPageAsync(() => page.ClickAsync("[data-testid=launch-growth-chart]"));
        await Assertions.Expect(app.Locator("[data-testid=consent]")).ToBeVisibleAsync();
        return app;
    }
}
