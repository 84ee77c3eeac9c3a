using System.Globalization;
using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// The seed article's other two missing parts in Chromium with the real <c>fhirclient</c>: the app opened inside the
/// EHR (an iframe on the chart page, <c>need_patient_banner: false</c>) with a measurement recorded inside the frame,
/// and breaking the glass at consent (the restricted Condition reaches the app only then).
/// </summary>
public class EmbeddedAndBreakGlassBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Reason = "Safeguarding review requested by the duty social worker";

    [Fact] // SAMPLE-CONTRACT "The app inside the EHR": the whole flow inside the chart page's panel.
    public async Task EmbeddedLaunch_RecordsMeasurementInsideFrame_EhrShowsIt()
    {
        await using var context = await host.NewContextAsync();
        var ehr = await context.NewPageAsync();
        await WriteBackBrowserTests.LoginAsync(ehr, host.Origin, "clinician");
        await ehr.GotoAsync(host.Origin + "/ehr/patients/peds-001");
        var pagesBefore = context.Pages.Count;

        await ehr.ClickAsync("[data-testid=embed-growth-chart]");
        var frame = ehr.FrameLocator("iframe[name=app-panel]");
        await frame.Locator("[data-testid=consent-allow]").ClickAsync();

        var before = await WriteBackBrowserTests.ObservationCountAsync(frame.Locator("[data-testid=observation-count]"));
        context.Pages.Count.Should().Be(pagesBefore, "the app runs inside the chart page, not in a new window");
        await Assertions.Expect(frame.Locator("[data-testid=patient-name]")).ToBeHiddenAsync();   // need_patient_banner: false
        await Assertions.Expect(frame.Locator("[data-testid=patient-name]")).ToHaveTextAsync(await ehr.Locator("[data-testid=patient-name]").InnerTextAsync());
        await Assertions.Expect(frame.Locator("[data-testid=error]")).ToBeHiddenAsync();

        await frame.Locator("input[name=head]").FillAsync("50.1");
        await frame.Locator("[data-testid=save-measurement]").ClickAsync();
        await Assertions.Expect(frame.Locator("[data-testid=save-status]")).ToHaveTextAsync("Saved 1 measurement to the EHR.");
        await Assertions.Expect(frame.Locator("[data-testid=observation-count]")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await ehr.Locator("[data-testid=app-panel]").ScrollIntoViewIfNeededAsync();
        await ehr.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "ehr-embedded-launch.png"), FullPage = false });

        await ehr.ReloadAsync();
        await Assertions.Expect(ehr.Locator("[data-testid=observations]")).ToContainTextAsync("50.1 cm");
    }

    [Fact] // The new-window launch keeps the banner (need_patient_banner: true).
    public async Task NewWindowLaunch_ShowsPatientBanner()
    {
        await using var context = await host.NewContextAsync();
        var ehr = await context.NewPageAsync();
        await WriteBackBrowserTests.LoginAsync(ehr, host.Origin, "clinician");
        await ehr.GotoAsync(host.Origin + "/ehr/patients/peds-001");

        var app = await context.RunAndWaitForPageAsync(() => ehr.ClickAsync("[data-testid=launch-growth-chart]"));
        await app.Locator("[data-testid=consent-allow]").ClickAsync();

        await Assertions.Expect(app.Locator("[data-testid=patient-name]")).ToBeVisibleAsync();
    }

    [Fact] // SAMPLE-CONTRACT "Sensitive data and breaking the glass", through the app's own fhirclient.
    public async Task BreakGlass_ReasonAtConsent_RestrictedConditionReachesAppOnlyThen()
    {
        await using var context = await host.NewContextAsync();
        var ehr = await context.NewPageAsync();
        await WriteBackBrowserTests.LoginAsync(ehr, host.Origin, "clinician");
        await ehr.GotoAsync(host.Origin + "/ehr/patients/peds-001");
        await Assertions.Expect(ehr.Locator("[data-testid=condition-row][data-id=sensitive-002] [data-testid=restricted-badge]")).ToHaveTextAsync("Restricted");

        // Without a reason: the app's token (which may read Conditions) cannot read the restricted one.
        var first = await LaunchWithConditionScopeAsync(context);
        await first.Locator("[data-testid=consent-allow]").ClickAsync();
        await WriteBackBrowserTests.ObservationCountAsync(first.Locator("[data-testid=observation-count]"));
        (await ReadThroughAppAsync(first, "Condition/peds-001-cond-01")).Should().Be("200 peds-001-cond-01 Atopic dermatitis");
        (await ReadThroughAppAsync(first, "Condition/sensitive-002")).Should().StartWith("403");
        await first.CloseAsync();

        // With a reason: the same read succeeds.
        var second = await LaunchWithConditionScopeAsync(context);
        var field = second.Locator("input[name=break_glass_reason]");
        await Assertions.Expect(second.Locator("label[for=break_glass_reason]")).ToContainTextAsync("Reason for access to restricted records");
        await field.FillAsync(Reason);
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "consent-break-glass.png"), FullPage = true });
        await second.Locator("[data-testid=consent-allow]").ClickAsync();
        await WriteBackBrowserTests.ObservationCountAsync(second.Locator("[data-testid=observation-count]"));

        (await ReadThroughAppAsync(second, "Condition/sensitive-002")).Should().Be("200 sensitive-002 Safeguarding concern");
        (await ReadThroughAppAsync(second, "Condition/sensitive-001")).Should().StartWith("403", "breaking the glass opens the patient in context only");
    }

    // The EHR launch of the chart's button (/ehr/launch), with the app asked for Condition read as well (launch.html's
    // ?scope= override), so that a refusal can only come from the security label.
    private async Task<IPage> LaunchWithConditionScopeAsync(IBrowserContext context)
    {
        var launch = await context.APIRequest.GetAsync(host.Origin + "/ehr/launch?client_id=growth-chart&patient=peds-001", new() { MaxRedirects = 0 });
        launch.Status.Should().Be(302);
        var scope = Uri.EscapeDataString("launch openid fhirUser profile patient/Patient.rs patient/Observation.rs patient/Condition.rs");
        var app = await context.NewPageAsync();
        await app.GotoAsync(launch.Headers["location"] + "&scope=" + scope);
        return app;
    }

    // Reads a resource with the app's own fhirclient session (FHIR.oauth2.ready() returns the stored client).
    private static Task<string> ReadThroughAppAsync(IPage app, string path) => app.EvaluateAsync<string>(
        """
        async (path) => {
          const client = await FHIR.oauth2.ready();
          try {
            const resource = await client.request(path);
            return `200 ${resource.id} ${resource.code.text}`;
          } catch (error) {
            return `${error.status} ${error.message}`;
          }
        }
        """,
        path);
}
