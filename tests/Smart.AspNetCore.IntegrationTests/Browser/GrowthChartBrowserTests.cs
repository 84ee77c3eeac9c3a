using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// The Growth Chart SMART app (official <c>fhirclient</c>) in Chromium against the running sample: the whole classic
/// flow of ../shared/reference, as a clinician would click it (AUTHZ-*, TOKEN-*, CTX-*, RS-*).
/// </summary>
public class GrowthChartBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static async Task LoginAsync(IPage page, string origin, string user)
    {
        await page.GotoAsync(origin + "/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", user);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    private static async Task<int> ObservationCountAsync(IPage app)
    {
        var count = app.Locator("[data-testid=observation-count]");
        await Assertions.Expect(count).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        return int.Parse(await count.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact] // The reference flow: clinician opens peds-001, clicks Growth Chart, the app shows that child's data.
    public async Task EhrLaunch_ClinicianClicksGrowthChart_AppShowsPatientAndObservations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await LoginAsync(page, host.Origin, "clinician");
        await page.GotoAsync(host.Origin + "/ehr/patients/peds-001");

        var app = await context.RunAndWaitForPageAsync(() => page.ClickAsync("[data-testid=launch-growth-chart]"));
        await Assertions.Expect(app.Locator("[data-testid=consent-patient]")).ToHaveTextAsync(await page.Locator("[data-testid=patient-name]").InnerTextAsync());
        await app.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "consent.png"), FullPage = true });
        await app.Locator("[data-testid=consent-allow]").ClickAsync();

        await Assertions.Expect(app.Locator("[data-testid=patient-name]")).ToHaveTextAsync(await page.Locator("[data-testid=patient-name]").InnerTextAsync());
        (await ObservationCountAsync(app)).Should().BeGreaterThanOrEqualTo(30);
        await Assertions.Expect(app.Locator("[data-testid=error]")).ToBeHiddenAsync();
        await app.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "growth-chart-ehr-launch.png"), FullPage = true });
    }

    [Fact] // AUTHZ-14: standalone launch through the EHR's patient picker.
    public async Task StandaloneLaunch_ClinicianPicksPatient_AppShowsThatPatient()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await LoginAsync(page, host.Origin, "clinician");

        await page.GotoAsync(host.Origin + "/apps/growth-chart/launch.html");
        await page.Locator("[data-testid=pick-peds-001]").CheckAsync();
        await page.Locator("[data-testid=patient-picker-submit]").ClickAsync();
        await page.Locator("[data-testid=consent-allow]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=patient-name]")).ToContainTextAsync("Emma");
        (await ObservationCountAsync(page)).Should().BeGreaterThanOrEqualTo(30);
    }

    [Fact] // AUTHZ-5: the user denies consent; the app reports access_denied.
    public async Task EhrLaunch_UserDenies_AppReportsAccessDenied()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await LoginAsync(page, host.Origin, "clinician");
        await page.GotoAsync(host.Origin + "/ehr/patients/peds-001");

        var app = await context.RunAndWaitForPageAsync(() => page.ClickAsync("[data-testid=launch-growth-chart]"));
        await app.Locator("[data-testid=consent-deny]").ClickAsync();

        await Assertions.Expect(app.Locator("[data-testid=error]")).ToContainTextAsync("access_denied");
        await Assertions.Expect(app.Locator("[data-testid=observation-count]")).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9]"));
    }
}
