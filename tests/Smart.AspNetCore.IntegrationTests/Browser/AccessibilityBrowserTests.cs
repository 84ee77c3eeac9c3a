using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// WCAG 2.1 AA in Chromium (issue 17): axe-core's WCAG 2.0/2.1 A and AA rules on every page a clinician or a patient
/// sees during a SMART launch, failing on any serious or critical violation, plus a keyboard-only walk through consent.
/// A new page is checked with one line: <c>await Axe.AssertAccessibleAsync(page);</c>.
/// </summary>
public class AccessibilityBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly Regex s_positiveCount = new("^[1-9][0-9]*$");

    [Fact]
    public async Task LoginPage_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Origin + "/account/login");

        await Axe.AssertAccessibleAsync(page, "login");
    }

    [Fact]
    public async Task LoginPage_WithError_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Origin + "/account/login");
        await page.FillAsync("#username", "clinician");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("[data-testid=login-submit]");
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToBeVisibleAsync();

        await Axe.AssertAccessibleAsync(page, "login (wrong password)");
    }

    [Theory]
    [InlineData("clinician")]
    [InlineData("patient")]
    public async Task PatientList_HasNoSeriousViolations(string user)
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, user);
        await page.GotoAsync(host.Origin + "/ehr");
        await Assertions.Expect(page.Locator("[data-testid=patient-list]")).ToBeVisibleAsync();

        await Axe.AssertAccessibleAsync(page, $"patient list ({user})");
    }

    [Theory]
    [InlineData("clinician")]
    [InlineData("patient")]
    public async Task Chart_HasNoSeriousViolations(string user)
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, user);
        await page.GotoAsync(host.Origin + "/ehr/patients/peds-001");
        await Assertions.Expect(page.Locator("[data-testid=patient-banner]")).ToBeVisibleAsync();

        await Axe.AssertAccessibleAsync(page, $"chart ({user})");
    }

    [Fact]
    public async Task AccessDeniedPage_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "patient");
        await page.GotoAsync(host.Origin + "/ehr/launch?client_id=growth-chart&patient=peds-001");
        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();

        await Axe.AssertAccessibleAsync(page, "access denied");
    }

    [Fact] // AUTHZ-4: the error page the library shows instead of redirecting to an unregistered client.
    public async Task AuthorizeErrorPage_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(host.Origin + "/fhir/auth/authorize?response_type=code&client_id=no-such-app"
            + "&redirect_uri=" + Uri.EscapeDataString("https://app.example/cb") + "&scope=openid&state=s&aud=" + Uri.EscapeDataString(host.Origin + "/fhir"));
        response!.Status.Should().Be(400);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This app could not be authorized");

        await Axe.AssertAccessibleAsync(page, "/authorize error page");
    }

    [Fact]
    public async Task ConsentPage_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "clinician");
        var app = await BrowserFlows.LaunchGrowthChartAsync(context, page, host.Origin);
        await Assertions.Expect(app.Locator("[data-testid=consent]")).ToBeVisibleAsync();

        await Axe.AssertAccessibleAsync(app, "consent");
    }

    [Fact] // A patient's standalone launch: their own record, no picker, the consent page as a patient sees it.
    public async Task ConsentPage_AsPatient_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "patient");
        await page.GotoAsync(host.Origin + "/apps/growth-chart/launch.html");
        await Assertions.Expect(page.Locator("[data-testid=consent]")).ToBeVisibleAsync();

        await Axe.AssertAccessibleAsync(page, "consent (patient)");
    }

    [Fact]
    public async Task PatientPicker_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "clinician");
        await page.GotoAsync(host.Origin + "/apps/growth-chart/launch.html");
        await Assertions.Expect(page.Locator("[data-testid=patient-picker]")).ToBeVisibleAsync();

        await Axe.AssertAccessibleAsync(page, "patient picker");
    }

    [Fact]
    public async Task GrowthChart_AfterLaunch_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "clinician");
        var app = await BrowserFlows.LaunchGrowthChartAsync(context, page, host.Origin);
        await app.Locator("[data-testid=consent-allow]").ClickAsync();
        await Assertions.Expect(app.Locator("[data-testid=observation-count]")).ToHaveTextAsync(s_positiveCount);

        await Axe.AssertAccessibleAsync(app, "Growth Chart (index.html after launch)");
    }

    [Fact] // The scrolling Measurements table is reachable by keyboard (scrollable-region-focusable) and named.
    public async Task GrowthChart_MeasurementsTable_IsKeyboardReachableAndNamed()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "clinician");
        var app = await BrowserFlows.LaunchGrowthChartAsync(context, page, host.Origin);
        await app.Locator("[data-testid=consent-allow]").ClickAsync();
        await Assertions.Expect(app.Locator("[data-testid=observation-count]")).ToHaveTextAsync(s_positiveCount);

        var scroller = app.Locator("[data-testid=measurements] .table-scroll");
        await Assertions.Expect(scroller).ToHaveAttributeAsync("tabindex", "0");
        await Assertions.Expect(scroller).ToHaveAccessibleNameAsync(new Regex("Measurements"));

        // Tab until the scroller has focus (it is the only focusable element after the charts), then scroll it by key.
        var reached = false;
        for (var i = 0; i < 40 && !reached; i++)
        {
            await app.Keyboard.PressAsync("Tab");
            reached = await scroller.EvaluateAsync<bool>("e => document.activeElement === e");
        }

        reached.Should().BeTrue("the Measurements table scrolls, so a keyboard user must be able to focus it");
        await app.Keyboard.PressAsync("End");
        await Assertions.Expect(scroller).Not.ToHaveJSPropertyAsync("scrollTop", 0);
    }

    [Fact] // Each chart is tied to its text equivalent: the latest value, its percentile band, and the data table.
    public async Task GrowthChart_EachChart_IsDescribedByItsLatestValueAndTable()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "clinician");
        var app = await BrowserFlows.LaunchGrowthChartAsync(context, page, host.Origin);
        await app.Locator("[data-testid=consent-allow]").ClickAsync();
        await Assertions.Expect(app.Locator("[data-testid=observation-count]")).ToHaveTextAsync(s_positiveCount);

        foreach (var (measure, unit) in new[] { ("height", "cm"), ("weight", "kg"), ("head", "cm") })
        {
            var chart = app.Locator($"[data-testid=chart-{measure}] svg.growth-svg");
            await Assertions.Expect(chart).ToHaveAttributeAsync("role", "img");
            await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", new Regex("by age, [0-9]+ measurements"));
            (await chart.Locator("circle.patient-point title").CountAsync()).Should().BeGreaterThanOrEqualTo(10);
            await Assertions.Expect(chart).ToHaveAccessibleDescriptionAsync(
                new Regex($"^Latest [0-9.]+ {unit} at [0-9.]+ months \\([0-9-]+\\), (below P3|between P3 and P50|at P50|between P50 and P97|above P97) \\((boys|girls|both sexes)\\)\\. [0-9]+ measurements; every value is listed in the Measurements table\\.$"));

            // The band in words agrees with the drawing: the newest point against the P3/P50/P97 curves at its x.
            var drawn = await chart.EvaluateAsync<string>(
                """
                (svg) => {
                  const dots = [...svg.querySelectorAll("circle.patient-point")];
                  const dot = dots.reduce((a, b) => (Number(b.getAttribute("cx")) > Number(a.getAttribute("cx")) ? b : a));
                  const [cx, cy] = [Number(dot.getAttribute("cx")), Number(dot.getAttribute("cy"))];
                  const yAt = (name) => {
                    const pts = svg.querySelector(`polyline.curve-${name}`).getAttribute("points").split(" ").map((p) => p.split(",").map(Number));
                    const i = pts.findIndex(([x]) => x >= cx);
                    const [[x0, y0], [x1, y1]] = [pts[Math.max(0, i - 1)], pts[i]];
                    return x1 === x0 ? y1 : y0 + ((y1 - y0) * (cx - x0)) / (x1 - x0);
                  };
                  const [p3, p50, p97] = ["p3", "p50", "p97"].map(yAt); // SVG y grows downwards
                  if (cy > p3) return "below P3";
                  if (cy < p97) return "above P97";
                  if (Math.abs(cy - p50) < 0.5) return "at P50";
                  return cy > p50 ? "between P3 and P50" : "between P50 and P97";
                }
                """);
            await Assertions.Expect(chart).ToHaveAccessibleDescriptionAsync(new Regex($", {Regex.Escape(drawn)} \\("));
        }
    }

    [Fact]
    public async Task GrowthChart_AccessDeniedError_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "clinician");
        var app = await BrowserFlows.LaunchGrowthChartAsync(context, page, host.Origin);
        await app.Locator("[data-testid=consent-deny]").ClickAsync();
        await Assertions.Expect(app.Locator("[data-testid=error]")).ToContainTextAsync("access_denied");

        await Axe.AssertAccessibleAsync(app, "Growth Chart (index.html, access_denied)");
    }

    [Fact] // launch.html shown with its launch details and an error (the FHIR server cannot be discovered).
    public async Task GrowthChart_LaunchPage_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Origin + "/apps/growth-chart/launch.html?iss=" + Uri.EscapeDataString(host.Origin + "/no-fhir-here"));
        await Assertions.Expect(page.Locator("[data-testid=error]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=launch-type]")).ToHaveTextAsync("Standalone launch");

        await Axe.AssertAccessibleAsync(page, "Growth Chart launch.html");
    }

    [Fact] // Keyboard only: Tab reaches every scope box and both decisions in order, focus is visible, Space toggles, Enter submits.
    public async Task ConsentPage_KeyboardOnly_TogglesScopeAndAllows()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFlows.LoginAsync(page, host.Origin, "clinician");
        var app = await BrowserFlows.LaunchGrowthChartAsync(context, page, host.Origin);
        await Assertions.Expect(app.Locator("[data-testid=consent]")).ToBeVisibleAsync();

        // The form's keyboard stops in document order: every enabled, rendered control (closed <details> hide theirs).
        var expected = await app.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll("[data-testid=consent-form] :is(input:not([type=hidden]), button, summary, select, textarea, a[href])")]
              .filter((e) => !e.disabled && e.checkVisibility())
              .map((e) => e.id || e.dataset.testid || e.tagName.toLowerCase())
            """);
        var scopeBoxes = await app.Locator("[data-testid=scope-checkbox]").EvaluateAllAsync<string[]>("boxes => boxes.map((b) => b.id)");
        scopeBoxes.Should().Contain("scope-online_access").And.Contain("scope-patient/Observation.rs");
        expected.Should().Contain(scopeBoxes).And.EndWith(["consent-allow", "consent-deny"]);

        // Tab from the top of the page; record the form's stops and check each one shows a visible focus indicator.
        var visited = await KeyboardWalk.TabThroughFormAsync(app, "consent-form", "consent-deny", 60, "e.id || e.dataset.testid || e.tagName.toLowerCase()");

        visited.Should().Equal(expected, "Tab must visit every scope box, then both decisions, in reading order");

        // Shift+Tab back to "online_access"; Space toggles it: off, on, off.
        var box = app.Locator("#scope-online_access");
        for (var i = 0; i < 30 && !await box.EvaluateAsync<bool>("e => document.activeElement === e"); i++)
        {
            await app.Keyboard.PressAsync("Shift+Tab");
        }

        await Assertions.Expect(box).ToBeFocusedAsync();
        await app.Keyboard.PressAsync("Space");
        await Assertions.Expect(box).Not.ToBeCheckedAsync();
        await app.Keyboard.PressAsync("Space");
        await Assertions.Expect(box).ToBeCheckedAsync();
        await app.Keyboard.PressAsync("Space");
        await Assertions.Expect(box).Not.ToBeCheckedAsync();

        // The granular category boxes sit in a closed disclosure: Tab to its summary, Enter opens it, Tab reaches them.
        var disclosure = app.Locator("details.granular summary").First;
        for (var i = 0; i < 30 && !await disclosure.EvaluateAsync<bool>("e => document.activeElement === e"); i++)
        {
            await app.Keyboard.PressAsync("Tab");
        }

        await app.Keyboard.PressAsync("Enter");
        await Assertions.Expect(app.Locator("details.granular").First).ToHaveJSPropertyAsync("open", true);
        await app.Keyboard.PressAsync("Tab");
        await Assertions.Expect(app.Locator("[data-testid=granular-checkbox]").First).ToBeFocusedAsync();

        // Tab on to Allow and press Enter: the app is authorized without the unticked scope.
        var allow = app.Locator("[data-testid=consent-allow]");
        for (var i = 0; i < 30 && !await allow.EvaluateAsync<bool>("e => document.activeElement === e"); i++)
        {
            await app.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(allow).ToBeFocusedAsync();
        await app.Keyboard.PressAsync("Enter");

        await Assertions.Expect(app.Locator("[data-testid=observation-count]")).ToHaveTextAsync(s_positiveCount);
        var granted = await app.Locator("[data-testid=granted-scope]").InnerTextAsync();
        granted.Split(' ').Should().Contain("patient/Observation.rs").And.NotContain("online_access");
    }

}
