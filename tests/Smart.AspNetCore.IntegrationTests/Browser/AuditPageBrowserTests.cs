using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>SAMPLE-CONTRACT "Audit trail": the clinician's audit page at <c>/ehr/audit</c>, in Chromium, with the real SMART client.</summary>
public class AuditPageBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task AuditPage_AfterGrowthChartLaunch_ListsTheGrantAndTokenAndIsAccessible()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "clinician");
        var app = await BrowserFlows.LaunchGrowthChartAsync(context, page, host.Origin);
        await app.Locator("[data-testid=consent-allow]").ClickAsync();
        await Assertions.Expect(app.Locator("[data-testid=patient-name]")).Not.ToBeEmptyAsync(new() { Timeout = 30_000 });

        await page.GotoAsync(host.Origin + "/ehr");
        await page.ClickAsync("[data-testid=audit-link]");
        await page.WaitForURLAsync(url => url.Contains("/ehr/audit", StringComparison.Ordinal));
        await page.SelectOptionAsync("#audit-patient", "peds-001");
        await page.ClickAsync("[data-testid=audit-filter] button[type=submit]");

        // Delivery is off the request path: reload until the token event is there (Expect retries within its timeout).
        var issued = page.Locator("[data-testid=audit-row][data-audit-code=token-issued]").Filter(new() { HasText = "growth-chart" });
        for (var attempt = 0; attempt < 20 && await issued.CountAsync() == 0; attempt++)
        {
            await page.WaitForTimeoutAsync(250);
            await page.ReloadAsync();
        }

        await Assertions.Expect(issued.First).ToContainTextAsync("peds-001");
        await Assertions.Expect(page.Locator("[data-testid=audit-row][data-audit-code=authorization-granted]").First).ToContainTextAsync("growth-chart");
        await Axe.AssertAccessibleAsync(page, "audit trail");
    }

    [Fact]
    public async Task AuditPage_PatientUser_IsRefused()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "patient");

        await page.GotoAsync(host.Origin + "/ehr/audit");

        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=audit-list]")).ToHaveCountAsync(0);
    }
}
