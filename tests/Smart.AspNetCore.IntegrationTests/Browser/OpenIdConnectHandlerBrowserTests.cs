using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Smart.AspNetCore.IntegrationTests.Clients;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// The Microsoft OpenID Connect handler (issue 15) in a real browser: the same relying party as
/// <see cref="OpenIdConnectHandlerTests"/>, this time with the handler's cookie defaults untouched, driven through
/// Chromium. The sample's <c>form_post</c> page submits itself under its CSP nonce, the handler completes the code
/// flow with PKCE, and the RP's page shows the signed-in user with the tokens saved.
/// </summary>
public sealed class OpenIdConnectHandlerBrowserTests : IAsyncLifetime
{
    private readonly int _rpPort = KestrelSampleEhr.FreePort();
    private KestrelSampleEhr _sample = null!;
    private WebApplication _rp = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    // Same site as the sample (localhost, another port), as an EHR's own portal would be.
    private string RpOrigin => $"http://localhost:{_rpPort}";

    public async Task InitializeAsync()
    {
        _sample = new KestrelSampleEhr { ConfigureServices = services => OpenIdConnectRelyingParty.Register(services, RpOrigin) };
        await _sample.InitializeAsync();
        _rp = OpenIdConnectRelyingParty.Create(_rpPort, _sample.FhirBase, plainHttpCookies: false);
        await _rp.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_rp is not null)
        {
            await _rp.StopAsync();
            await _rp.DisposeAsync();
        }

        await _sample.DisposeAsync();
    }

    [Fact] // AUTHZ-6, AUTHZ-11, AUTHZ-14: form_post auto-submits in Chromium; the handler signs the user in.
    public async Task StandaloneLaunch_InChromium_HandlerDefaults_SignsInAndSavesTokens()
    {
        await using var context = await Chromium.NewContextAsync(_browser!);
        var page = await context.NewPageAsync();
        var callbacks = new List<string>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath == "/signin-oidc")
            {
                callbacks.Add(request.Method);
            }
        };

        await page.GotoAsync(RpOrigin + "/me");
        await page.FillAsync("#username", "clinician");
        await page.FillAsync("#password", "clinician");
        await page.ClickAsync("[data-testid=login-submit]");
        await page.CheckAsync("[data-testid=pick-peds-001]");
        await page.ClickAsync("[data-testid=patient-picker-submit]");
        await page.ClickAsync("[data-testid=consent-allow]");

        await Assertions.Expect(page).ToHaveURLAsync(RpOrigin + "/me");
        callbacks.Should().Equal(["POST"], "the sample answers form_post, which the browser posts to the handler's callback");
        var me = JsonDocument.Parse(await page.Locator("body").InnerTextAsync()).RootElement;
        me.GetProperty("patient").GetString().Should().Be("peds-001");
        me.GetProperty("fhirUser").GetString().Should().StartWith(_sample.FhirBase + "/Practitioner/");
        me.GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();
        me.GetProperty("id_token").GetString().Should().NotBeNullOrEmpty();
        (await context.CookiesAsync([RpOrigin])).Select(c => c.Name).Should().Contain(OpenIdConnectRelyingParty.SessionCookie);
    }
}
