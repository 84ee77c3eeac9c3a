using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>The accessibility check itself: it fails on serious violations, names them, and looks inside frames.</summary>
public class AxeTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task AssertAccessible_SeriousViolation_FailsWithRuleImpactTargetAndHelpUrl()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(
            """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><p id="faint" style="color:#aaa;background:#fff">Faint text</p><img id="photo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>""");

        var act = () => Axe.AssertAccessibleAsync(page, "fixture");

        var failure = await act.Should().ThrowAsync<Xunit.Sdk.XunitException>();
        failure.Which.Message.Should()
            .Contain("fixture: 2 serious or critical").And
            .Contain("- color-contrast [serious]").And.Contain("target: #faint").And
            .Contain("- image-alt [critical]").And.Contain("target: #photo").And
            .Contain("https://dequeuniversity.com/rules/axe/");
    }

    [Fact] // Moderate and minor findings are returned, not failed: only serious and critical ones fail a test.
    public async Task AssertAccessible_ModerateOnly_PassesAndReturnsThem()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(
            """<!DOCTYPE html><html lang="en"><head><title>t</title><meta name="viewport" content="width=device-width, maximum-scale=1"></head><body><main><h1>Zoom capped</h1></main></body></html>""");

        var violations = await Axe.AssertAccessibleAsync(page, "moderate fixture");

        violations.Should().ContainSingle().Which.Should().Match<AxeViolation>(v => v.Id == "meta-viewport" && v.Impact == "moderate");
    }

    [Fact]
    public async Task AssertAccessible_CleanPage_ReturnsNoViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>Clean</h1></main></body></html>""");

        var violations = await Axe.AssertAccessibleAsync(page, "clean fixture");

        violations.Should().BeEmpty();
    }

    [Fact] // An app embedded in an iframe (the chart page's panel) is checked with the page around it.
    public async Task AssertAccessible_ViolationInsideFrame_IsReportedWithFramePath()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        // Served on the sample's origin (answered by Playwright, not the sample) so the frame is a real same-origin page.
        await page.RouteAsync(host.Origin + "/axe-fixture/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = route.Request.Url.EndsWith("/frame", StringComparison.Ordinal)
                ? """<!DOCTYPE html><html lang="en"><head><title>app</title></head><body><img id="chart" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>"""
                : """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><iframe id="panel" title="Embedded app" src="frame"></iframe></main></body></html>""",
        }));
        await page.GotoAsync(host.Origin + "/axe-fixture/page");
        await page.FrameLocator("#panel").Locator("#chart").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        var act = () => Axe.AssertAccessibleAsync(page, "framed fixture");

        var failure = await act.Should().ThrowAsync<Xunit.Sdk.XunitException>();
        failure.Which.Message.Should().Contain("- image-alt [critical]").And.Contain("target: #panel >>> #chart");
    }
}
