using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// SAMPLE-CONTRACT "Connected apps" in Chromium with the official <c>fhirclient</c>: the clinician revokes the Growth
/// Chart on <c>/account/apps</c> while it is open in another tab; the app's next FHIR call gets 401 and the app shows
/// the error. The pages pass axe-core's WCAG 2.0/2.1 A and AA rules.
/// </summary>
public partial class ConnectedAppsBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task Revoke_AppOpenInAnotherTab_NextFhirCallIs401AndAppShowsError()
    {
        await using var context = await host.NewContextAsync();
        var ehr = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(ehr, host.Origin, "clinician");
        var app = await BrowserFlows.LaunchGrowthChartAsync(context, ehr, host.Origin);
        await app.Locator("[data-testid=consent-allow]").ClickAsync();
        await Assertions.Expect(app.Locator("[data-testid=observation-count]")).ToHaveTextAsync(PositiveNumber());
        await Assertions.Expect(app.Locator("[data-testid=measurement-form]")).ToBeVisibleAsync();

        await ehr.GotoAsync(host.Origin + "/account/apps");
        await Assertions.Expect(ehr.Locator("[data-testid=connected-app-growth-chart]")).ToContainTextAsync("Growth Chart");
        await Axe.AssertAccessibleAsync(ehr, "connected apps");
        await ehr.ClickAsync("[data-testid=revoke-growth-chart]");
        await Assertions.Expect(ehr.Locator("[data-testid=revoked-message]")).ToContainTextAsync("Growth Chart can no longer use your account.");
        await Assertions.Expect(ehr.Locator("[data-testid=revoke-growth-chart]")).ToHaveCountAsync(0);

        await app.BringToFrontAsync();
        await app.FillAsync("input[name=height]", "104.7");
        var fhirCall = await app.RunAndWaitForResponseAsync(
            () => app.ClickAsync("[data-testid=save-measurement]"),
            response => response.Url.Contains("/fhir/Observation", StringComparison.Ordinal) && response.Request.Method == "POST");

        fhirCall.Status.Should().Be(401);
        (await fhirCall.HeaderValueAsync("www-authenticate")).Should().Contain("error=\"invalid_token\"");
        await Assertions.Expect(app.Locator("[data-testid=measurement-error]")).ToBeVisibleAsync();
        await Assertions.Expect(app.Locator("[data-testid=measurement-error]")).ToContainTextAsync("401");
    }

    [Fact]
    public async Task AdminView_ClinicianSeesGrants_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var ehr = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(ehr, host.Origin, "clinician");
        var app = await BrowserFlows.LaunchGrowthChartAsync(context, ehr, host.Origin);
        await app.Locator("[data-testid=consent-allow]").ClickAsync();
        await Assertions.Expect(app.Locator("[data-testid=observation-count]")).ToHaveTextAsync(PositiveNumber());

        await ehr.GotoAsync(host.Origin + "/ehr/apps");
        await Assertions.Expect(ehr.Locator("[data-testid=app-grant-growth-chart-clinician]")).ToBeVisibleAsync();

        await Axe.AssertAccessibleAsync(ehr, "app grants (admin)");
    }

    [Fact]
    public async Task ConnectedApps_NoApps_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "patient");
        await page.GotoAsync(host.Origin + "/account/apps");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Connected apps");

        await Axe.AssertAccessibleAsync(page, "connected apps (none)");
    }

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex PositiveNumber();
}
