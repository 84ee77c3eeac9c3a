using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// Issue 17: the library's DEFAULT consent and patient-picker pages (<c>AddDefaultInteractionPages()</c>) in Chromium
/// on a host that is not the sample: axe-core's WCAG 2.0/2.1 A and AA rules fail on any serious or critical violation
/// (the picker, the consent page, the expired-request page), and a keyboard-only walk through both pages reaches a code
/// whose token carries exactly what was chosen.
/// </summary>
public sealed class DefaultPagesBrowserTests(DefaultPagesHost host) : IClassFixture<DefaultPagesHost>
{
    private const string Scope = "openid fhirUser launch/patient offline_access patient/Patient.rs patient/Observation.rs";

    private readonly string _verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private string AuthorizeUrl(string state) => QueryHelpers.AddQueryString(host.FhirBase + "/auth/authorize", new Dictionary<string, string?>
    {
        ["response_type"] = "code", ["client_id"] = DefaultPagesHost.ClientId, ["redirect_uri"] = host.Redirect, ["state"] = state,
        ["scope"] = Scope, ["aud"] = host.FhirBase,
        ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(_verifier))), ["code_challenge_method"] = "S256",
    });

    /// <summary>Signs in (the host's one-GET login) and stops on the default patient picker.</summary>
    private async Task<IPage> OpenPickerAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(AuthorizeUrl("s-" + Guid.NewGuid().ToString("N")));
        await Assertions.Expect(page.Locator("[data-testid=patient-picker-form]")).ToBeVisibleAsync();
        new Uri(page.Url).AbsolutePath.Should().Be("/smart/patient-picker");
        return page;
    }

    private async Task<IPage> OpenConsentAsync(IBrowserContext context)
    {
        var page = await OpenPickerAsync(context);
        await page.CheckAsync("input[name=patient][value=pat-1]");
        await page.ClickAsync("[data-testid=patient-picker-form] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=consent-form]")).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task DefaultPatientPicker_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await OpenPickerAsync(context);

        await Axe.AssertAccessibleAsync(page, "default patient picker");
    }

    [Fact]
    public async Task DefaultConsentPage_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await OpenConsentAsync(context);

        await Axe.AssertAccessibleAsync(page, "default consent page");
    }

    [Fact]
    public async Task DefaultExpiredPage_HasNoSeriousViolations()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Origin + "/login?returnUrl=%2Fsmart%2Fconsent%3Frequest_id%3Dunknown");
        await Assertions.Expect(page.Locator("[role=alert]")).ToBeVisibleAsync();

        await Axe.AssertAccessibleAsync(page, "default consent page (expired request)");
    }

    [Fact] // SEC-7: the default pages follow Smart:Framing:AllowedAncestors (no setting of their own).
    public async Task DefaultPages_FramingFollowsSmartFramingAllowedAncestors()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        var headers = new List<Dictionary<string, string>>();
        page.Response += (_, response) =>
        {
            if (new Uri(response.Url).AbsolutePath.StartsWith("/smart/", StringComparison.Ordinal) && response.Status == 200)
            {
                headers.Add(response.Headers);
            }
        };
        await page.GotoAsync(AuthorizeUrl("framing"));
        await Assertions.Expect(page.Locator("[data-testid=patient-picker-form]")).ToBeVisibleAsync();

        headers.Should().ContainSingle();
        headers[0]["content-security-policy"].Should().Contain("frame-ancestors 'self' " + DefaultPagesHost.Portal);
        headers[0].Should().NotContainKey("x-frame-options", "another origin may frame the page, which X-Frame-Options cannot say");
    }

    [Fact] // Keyboard only: picker (Tab, Space, Enter), then consent: every scope box and both decisions in order, focus visible.
    public async Task DefaultPages_KeyboardOnly_PickPatientUntickScopeAndAllow()
    {
        await using var context = await host.NewContextAsync();
        var page = await OpenPickerAsync(context);

        // Picker: Tab to the first patient, Space picks it, Tab to the button, Enter submits.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#patient-0")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#patient-0")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=patient-picker-form] button[type=submit]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=consent-form]")).ToBeVisibleAsync();

        // Consent: the form's keyboard stops in document order.
        var expected = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll("[data-testid=consent-form] :is(input:not([type=hidden]), button)")]
              .map((e) => e.id || e.value)
            """);
        expected.Should().HaveCount(5).And.EndWith(["allow", "deny"]); // offline_access, Patient.rs, Observation.rs, Allow, Deny

        var visited = await KeyboardWalk.TabThroughFormAsync(page, "consent-form", "deny", 20, "e.id || e.value");

        visited.Should().Equal(expected, "Tab must visit every scope box, then both decisions, in reading order");

        // Shift+Tab back to the Observation box; Space unticks it; Tab to Allow; Enter.
        var observation = page.Locator("input[type=checkbox][value='patient/Observation.rs']");
        for (var i = 0; i < 10 && !await observation.EvaluateAsync<bool>("e => document.activeElement === e"); i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
        }

        await Assertions.Expect(observation).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(observation).Not.ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("button[value=allow]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(host.Redirect) + "\\?"));

        // The code's token carries the picked patient and every scope but the unticked one.
        var code = QueryHelpers.ParseQuery(new Uri(page.Url).Query)["code"].ToString();
        using var http = new HttpClient();
        using var token = await http.PostAsync(new Uri(host.FhirBase + "/auth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = host.Redirect,
            ["client_id"] = DefaultPagesHost.ClientId, ["code_verifier"] = _verifier,
        }));
        token.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("patient").GetString().Should().Be("pat-1");
        json.GetProperty("scope").GetString()!.Split(' ').Should().Contain("patient/Patient.rs").And.NotContain("patient/Observation.rs");
    }

}
