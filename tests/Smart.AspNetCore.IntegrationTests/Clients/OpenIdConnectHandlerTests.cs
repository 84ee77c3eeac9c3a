using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Clients;

/// <summary>
/// A real client nobody here wrote (issue 15): ASP.NET Core's own OpenID Connect handler
/// (Microsoft.AspNetCore.Authentication.OpenIdConnect) in a small relying-party host on a real Kestrel loopback port,
/// with its DEFAULT response mode (<c>form_post</c>) and PKCE, signs a clinician in through a SMART standalone launch
/// against the sample (also on Kestrel): the sample's login, patient picker and consent, the auto-submitting
/// form_post page, the handler's code exchange (<c>client_secret_post</c>, <c>code_verifier</c>) and id_token
/// validation (issuer, audience, nonce, signature from the JWKS). The RP ends signed in with its cookie and the
/// tokens saved, and the saved access token reads the launch patient from the sample's FHIR API.
/// </summary>
/// <remarks>
/// The handler's settings are in <see cref="OpenIdConnectRelyingParty"/>; this HTTP client does not send
/// <c>Secure</c> cookies over plain HTTP, so the correlation and nonce cookies use <c>SecurePolicy = SameAsRequest</c>
/// here. <see cref="Browser.OpenIdConnectHandlerBrowserTests"/> runs the same RP with its cookie defaults in Chromium.
/// </remarks>
public sealed class OpenIdConnectHandlerTests : IAsyncLifetime
{
    private const string ClientId = OpenIdConnectRelyingParty.ClientId;
    private const string ClientSecret = OpenIdConnectRelyingParty.ClientSecret;

    private readonly int _rpPort = KestrelSampleEhr.FreePort();
    private KestrelSampleEhr _sample = null!;
    private WebApplication _rp = null!;

    private string RpOrigin => $"http://127.0.0.1:{_rpPort}";

    public async Task InitializeAsync()
    {
        // The sample knows the RP as a confidential client with its callback (the handler's default /signin-oidc).
        _sample = new KestrelSampleEhr { ConfigureServices = services => OpenIdConnectRelyingParty.Register(services, RpOrigin) };
        await _sample.InitializeAsync();
        _rp = OpenIdConnectRelyingParty.Create(_rpPort, _sample.FhirBase, plainHttpCookies: true);
        await _rp.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_rp is not null)
        {
            await _rp.StopAsync();
            await _rp.DisposeAsync();
        }

        await _sample.DisposeAsync();
    }

    [Fact] // AUTHZ-3, AUTHZ-6, AUTHZ-11, AUTHZ-14, OIDC-4: form_post (the handler's default) + PKCE, through consent, to a signed-in RP.
    public async Task StandaloneLaunch_MicrosoftOpenIdConnectHandlerDefaults_SignsInAndSavesTokens()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true });
        Dictionary<string, string>? authorizeQuery = null;
        Dictionary<string, string>? formPost = null;

        var url = new Uri(RpOrigin + "/me");
        var response = await browser.GetAsync(url);
        for (var step = 0; step < 25 && !IsJson(response); step++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                url = new Uri(url, response.Headers.Location!);
                if (url.AbsolutePath == "/fhir/auth/authorize" && authorizeQuery is null)
                {
                    authorizeQuery = QueryHelpers.ParseQuery(url.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
                }

                response.Dispose();
                response = await browser.GetAsync(url);
                continue;
            }

            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var html = await response.Content.ReadAsStringAsync();
            response.Dispose();
            if (html.Contains("document.forms[0].submit()", StringComparison.Ordinal))
            {
                // The form_post page: the browser posts code, state and iss to the RP's callback.
                var form = html[html.IndexOf("<form", StringComparison.Ordinal)..html.IndexOf("</form>", StringComparison.Ordinal)];
                url = new Uri(HtmlForm.Attribute(form, "action")!);
                formPost = HtmlForm.HiddenInputs(form).ToDictionary(p => p.Key, p => p.Value);
                response = await PostAsync(browser, url, [.. formPost]);
            }
            else if (html.Contains("data-testid=\"login-form\"", StringComparison.Ordinal))
            {
                response = await PostAsync(browser, url, [.. HtmlForm.HiddenInputs(html, "login-form"), new("username", "clinician"), new("password", "clinician")]);
            }
            else if (html.Contains("data-testid=\"patient-picker-form\"", StringComparison.Ordinal))
            {
                response = await PostAsync(browser, url, [.. HtmlForm.HiddenInputs(html, "patient-picker-form"), new("patient", "peds-001")]);
            }
            else if (html.Contains("data-testid=\"consent-form\"", StringComparison.Ordinal))
            {
                response = await PostAsync(browser, url,
                    [.. HtmlForm.HiddenInputs(html, "consent-form"), .. HtmlForm.CheckedValues(html, "scope").Select(s => new KeyValuePair<string, string>("scope", s)), new("decision", "allow")]);
            }
            else
            {
                throw new InvalidOperationException($"Unexpected page at {url}: {html[..Math.Min(html.Length, 400)]}");
            }
        }

        // The handler's defaults went out: code flow, form_post, PKCE S256, a nonce.
        authorizeQuery.Should().NotBeNull();
        authorizeQuery!["client_id"].Should().Be(ClientId);
        authorizeQuery["response_type"].Should().Be("code");
        authorizeQuery["response_mode"].Should().Be("form_post");
        authorizeQuery["code_challenge_method"].Should().Be("S256");
        authorizeQuery["code_challenge"].Should().NotBeNullOrEmpty();
        authorizeQuery["nonce"].Should().NotBeNullOrEmpty();
        authorizeQuery["redirect_uri"].Should().Be(RpOrigin + "/signin-oidc");

        // The sample answered with form_post: code, state and iss (RFC 9207) to the RP's callback.
        formPost.Should().NotBeNull("the sample must answer response_mode=form_post with a form");
        formPost!.Keys.Should().BeEquivalentTo("code", "state", "iss");
        formPost["iss"].Should().Be(_sample.FhirBase);

        // The RP is signed in (its own cookie) with the tokens saved.
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        response.Dispose();
        cookies.GetCookies(new Uri(RpOrigin)).Select(c => c.Name).Should().Contain("rp.session");
        me.GetProperty("sub").GetString().Should().NotBeNullOrEmpty();
        me.GetProperty("fhirUser").GetString().Should().StartWith(_sample.FhirBase + "/Practitioner/");
        me.GetProperty("issuer").GetString().Should().Be(_sample.FhirBase);
        me.GetProperty("patient").GetString().Should().Be("peds-001");
        me.GetProperty("id_token").GetString().Should().NotBeNullOrEmpty();
        me.GetProperty("token_type").GetString().Should().BeEquivalentTo("bearer");
        var accessToken = me.GetProperty("access_token").GetString();
        accessToken.Should().NotBeNullOrEmpty();

        // The saved access token reads the launch patient.
        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri(_sample.FhirBase + "/Patient/peds-001"));
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        read.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        using var patient = await browser.SendAsync(read);
        patient.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await patient.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString().Should().Be("peds-001");
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "application/json";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, Uri url, List<KeyValuePair<string, string>> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await browser.PostAsync(url, content);
    }
}
