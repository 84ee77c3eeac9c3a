using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;
using Smart.AspNetCore.IntegrationTests.Browser;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>
/// SAMPLE-CONTRACT "Several instances, one EHR" as a person sees it: the Growth Chart app (official <c>fhirclient</c>)
/// in Debian's Chromium against two instances sharing one Redis behind a round-robin balancer, so the login, the launch,
/// the consent, the token requests, the FHIR reads and the recorded measurement are spread over both instances.
/// </summary>
public sealed class FarmBrowserTests(FarmBrowserTests.BrowserFarm farm) : IClassFixture<FarmBrowserTests.BrowserFarm>
{
    [Fact]
    public async Task EhrLaunch_GrowthChartRecordsAMeasurement_AcrossTwoInstances()
    {
        await using var context = await Chromium.NewContextAsync(farm.Browser);
        var servedBy = new ConcurrentBag<(string Path, string Instance)>();
        context.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue("x-instance", out var instance))
            {
                servedBy.Add((new Uri(response.Url).AbsolutePath, instance));
            }
        };
        var ehr = await context.NewPageAsync();
        await WriteBackBrowserTests.LoginAsync(ehr, farm.Farm.BalancerUrl, "clinician");
        await ehr.GotoAsync(farm.Farm.BalancerUrl + "/ehr/patients/peds-001");
        var rowsBefore = await ehr.Locator("[data-testid=observation-row]").CountAsync();

        var app = await context.RunAndWaitForPageAsync(() => ehr.ClickAsync("[data-testid=launch-growth-chart]"));
        await app.Locator("[data-testid=consent-allow]").ClickAsync();
        await Assertions.Expect(app.Locator("[data-testid=patient-name]")).ToHaveTextAsync(await ehr.Locator("[data-testid=patient-name]").InnerTextAsync());
        var before = await WriteBackBrowserTests.ObservationCountAsync(app.Locator("[data-testid=observation-count]"));
        before.Should().BeGreaterThanOrEqualTo(30);

        await app.FillAsync("input[name=height]", "105.2");
        await app.ClickAsync("[data-testid=save-measurement]");

        await Assertions.Expect(app.Locator("[data-testid=save-status]")).ToHaveTextAsync("Saved 1 measurement to the EHR.");
        await Assertions.Expect(app.Locator("[data-testid=observation-count]")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(app.Locator("[data-testid=error]")).ToBeHiddenAsync();
        await ehr.ReloadAsync();
        await Assertions.Expect(ehr.Locator("[data-testid=observation-row]")).ToHaveCountAsync(rowsBefore + 1);
        await Assertions.Expect(ehr.Locator("[data-testid=observations]")).ToContainTextAsync("105.2 cm");

        // The chart page from each instance (requests in a row: the balancer alternates; the browser's cookies).
        var charts = new Dictionary<string, string>();
        for (var i = 0; i < 4 && charts.Count < 2; i++)
        {
            var chart = await context.APIRequest.GetAsync(farm.Farm.BalancerUrl + "/ehr/patients/peds-001");
            chart.Status.Should().Be(200);
            charts[chart.Headers["x-instance"]] = await chart.TextAsync();
        }

        charts.Keys.Should().BeEquivalentTo(["A", "B"]);
        charts.Values.Should().OnlyContain(html => html.Contains("105.2 cm"), "the FHIR data written through one instance is shared");
        var smart = servedBy.Where(r => r.Path.StartsWith("/fhir/", StringComparison.Ordinal)).Select(r => r.Instance).Distinct();
        smart.Should().BeEquivalentTo(["A", "B"], "the balancer spread the SMART and FHIR requests over both instances");
    }

    /// <summary>The farm advertising the balancer as its FHIR base, and Chromium.</summary>
    public sealed class BrowserFarm : IAsyncLifetime
    {
        private IPlaywright? _playwright;

        public FarmFixture Farm { get; } = new AdvertisingFarm();

        public IBrowser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Farm.InitializeAsync();
            _playwright = await Playwright.CreateAsync();
            Browser = await Chromium.LaunchAsync(_playwright);
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }

            _playwright?.Dispose();
            await Farm.DisposeAsync();
        }

        private sealed class AdvertisingFarm : FarmFixture
        {
            protected override bool AdvertiseBalancer => true;
        }
    }
}
