using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// The seed article's "entering new information … all of the changes they have made are reflected in their EHR": the
/// Growth Chart app (official <c>fhirclient</c>) records measurements through the FHIR API and the EHR's chart shows them
/// (SAMPLE-CONTRACT "The Growth Chart app records measurements").
/// </summary>
public partial class WriteBackBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    internal static async Task LoginAsync(IPage page, string origin, string user)
    {
        await page.GotoAsync(origin + "/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", user);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    internal static async Task<int> ObservationCountAsync(ILocator count)
    {
        await Assertions.Expect(count).ToHaveTextAsync(PositiveNumber());
        return int.Parse(await count.TextContentAsync() ?? "0", CultureInfo.InvariantCulture);
    }

    [Fact] // AUTHZ-*, RS-6: record in the new-window app, see it in the app at once and in the EHR's chart.
    public async Task NewWindowApp_RecordsMeasurement_ChartsAndEhrShowIt()
    {
        await using var context = await host.NewContextAsync();
        var ehr = await context.NewPageAsync();
        await LoginAsync(ehr, host.Origin, "clinician");
        await ehr.GotoAsync(host.Origin + "/ehr/patients/peds-001");
        var rowsBefore = await ehr.Locator("[data-testid=observation-row]").CountAsync();

        var app = await context.RunAndWaitForPageAsync(() => ehr.ClickAsync("[data-testid=launch-growth-chart]"));
        await app.Locator("[data-testid=consent-allow]").ClickAsync();
        var before = await ObservationCountAsync(app.Locator("[data-testid=observation-count]"));
        await Assertions.Expect(app.Locator("[data-testid=measurement-form]")).ToBeVisibleAsync();
        await Assertions.Expect(app.Locator("[data-testid=read-only]")).ToBeHiddenAsync();

        await app.FillAsync("input[name=height]", "104.7");
        await app.FillAsync("input[name=weight]", "17.35");
        await app.ClickAsync("[data-testid=save-measurement]");

        await Assertions.Expect(app.Locator("[data-testid=save-status]")).ToHaveTextAsync("Saved 2 measurements to the EHR.");
        await Assertions.Expect(app.Locator("[data-testid=observation-count]")).ToHaveTextAsync((before + 2).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(app.Locator("[data-testid=error]")).ToBeHiddenAsync();
        await Assertions.Expect(app.Locator("#charts")).ToContainTextAsync("104.7");

        await ehr.ReloadAsync();
        await Assertions.Expect(ehr.Locator("[data-testid=observation-row]")).ToHaveCountAsync(rowsBefore + 2);
        await Assertions.Expect(ehr.Locator("[data-testid=observations]")).ToContainTextAsync("104.7 cm");
        await Assertions.Expect(ehr.Locator("[data-testid=observations]")).ToContainTextAsync("17.35 kg");
    }

    [Fact] // Field errors are shown next to the field and nothing is sent.
    public async Task NewWindowApp_InvalidValue_ShowsFieldErrorAndSavesNothing()
    {
        await using var context = await host.NewContextAsync();
        var ehr = await context.NewPageAsync();
        await LoginAsync(ehr, host.Origin, "clinician");
        await ehr.GotoAsync(host.Origin + "/ehr/patients/peds-001");
        var app = await context.RunAndWaitForPageAsync(() => ehr.ClickAsync("[data-testid=launch-growth-chart]"));
        await app.Locator("[data-testid=consent-allow]").ClickAsync();
        var before = await ObservationCountAsync(app.Locator("[data-testid=observation-count]"));

        await app.FillAsync("input[name=head]", "0");
        await app.ClickAsync("[data-testid=save-measurement]");

        await Assertions.Expect(app.Locator("[data-testid=head-error]")).ToHaveTextAsync("Head circumference must be greater than 0 cm.");
        await Assertions.Expect(app.Locator("input[name=head]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(app.Locator("input[name=head]")).ToBeFocusedAsync();
        await Assertions.Expect(app.Locator("[data-testid=observation-count]")).ToHaveTextAsync(before.ToString(CultureInfo.InvariantCulture));
    }

    [Fact] // AUTHZ-12: the user unticks the write scope; the app works read-only and says so.
    public async Task NewWindowApp_WriteScopeUnticked_IsReadOnly()
    {
        await using var context = await host.NewContextAsync();
        var ehr = await context.NewPageAsync();
        await LoginAsync(ehr, host.Origin, "clinician");
        await ehr.GotoAsync(host.Origin + "/ehr/patients/peds-001");

        var app = await context.RunAndWaitForPageAsync(() => ehr.ClickAsync("[data-testid=launch-growth-chart]"));
        await app.Locator("input[name=scope][value='patient/Observation.cu']").UncheckAsync();
        await app.Locator("[data-testid=consent-allow]").ClickAsync();

        await ObservationCountAsync(app.Locator("[data-testid=observation-count]"));
        await Assertions.Expect(app.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
        await Assertions.Expect(app.Locator("[data-testid=read-only]")).ToContainTextAsync("not allowed to record observations");
        await Assertions.Expect(app.Locator("[data-testid=measurement-form]")).ToBeHiddenAsync();
        await Assertions.Expect(app.Locator("[data-testid=granted-scope]")).Not.ToContainTextAsync("Observation.cu");
    }

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex PositiveNumber();
}
