using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Startup;

/// <summary>
/// A new EHR that is not the sample: its own sign-in, the registration lines, the library's default consent and
/// patient-picker pages, and one FHIR endpoint. A standalone launch reaches a token and the token reads the patient.
/// </summary>
public sealed class MinimalHostTests : IAsyncLifetime
{
    private const string Origin = "http://localhost";
    private const string Redirect = "http://localhost/app/callback";
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), "smart-minimal-" + Guid.NewGuid().ToString("N"), "keys.json");
    private WebApplication _app = null!;

    private sealed class Patients : ISmartPatientDirectory
    {
        public Task<IReadOnlyList<SmartPatientChoice>> GetPatientsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SmartPatientChoice>>([new("pat-1", "Ada Lovelace (1815-12-10)"), new("pat-2", "Alan Turing (1912-06-23)")]);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();

        // The host's own sign-in.
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o => o.LoginPath = "/login");
        builder.Services.AddAuthorization();

        // The registration lines.
        builder.Services.AddSmartOnFhir(o =>
            {
                o.FhirBaseUrl = new Uri(Origin + "/fhir");
                o.RequireHttps = false; // loopback development only
            })
            .AddDevelopmentSigningKeys(_keyFile)
            .AddInMemoryClients([
                new SmartClient { ClientId = "my-app", RedirectUris = { Redirect }, AllowedScopes = { "openid", "fhirUser", "launch/patient", "patient/*.rs" } },
                new SmartClient { ClientId = "remembering-app", RedirectUris = { Redirect }, AllowedScopes = { "launch/patient", "patient/*.rs" }, Consent = SmartConsentPolicy.Remember },
            ])
            .AddResourceServer()
            .AddDefaultInteractionPages();
        builder.Services.AddSingleton<ISmartPatientDirectory, Patients>();

        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapSmartOnFhir();
        _app.MapGet("/login", async (HttpContext context, string returnUrl) =>
        {
            var identity = new ClaimsIdentity([new Claim("sub", "dr-1"), new Claim("fhirUser", "Practitioner/dr-1")], "test");
            await context.SignInAsync(new ClaimsPrincipal(identity));
            return Results.LocalRedirect(returnUrl);
        });

        // One FHIR endpoint.
        _app.MapGroup("/fhir").RequireSmartAuthorization()
            .MapGet("/Patient/{id}", (string id) => Results.Text($$"""{"resourceType":"Patient","id":"{{id}}"}""", "application/fhir+json"));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        var folder = Path.GetDirectoryName(_keyFile)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private HttpClient Browser() =>
        new(new CookieContainerHandler { InnerHandler = _app.GetTestServer().CreateHandler() }) { BaseAddress = new Uri(Origin) };

    private static string Local(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string html, string formTestId, params (string Name, string Value)[] extra)
    {
        var form = HtmlForm.HiddenInputs(html, formTestId);
        form.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        using var content = new FormUrlEncodedContent(form);
        return await browser.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    [Fact] // AUTHZ-11, AUTHZ-12, AUTHZ-14: sign in, pick a patient, consent, code, token, FHIR read.
    public async Task StandaloneLaunch_WithDefaultPages_ReachesATokenThatReadsThePatient()
    {
        using var browser = Browser();
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var state = Guid.NewGuid().ToString("N");
        var authorize = QueryHelpers.AddQueryString("/fhir/auth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = "my-app", ["redirect_uri"] = Redirect, ["state"] = state,
            ["scope"] = "openid fhirUser launch/patient patient/Patient.rs", ["aud"] = Origin + "/fhir",
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), ["code_challenge_method"] = "S256",
        });

        // The host's login, then the library's picker.
        var response = await browser.GetAsync(new Uri(authorize, UriKind.Relative));
        for (var hops = 0; hops < 5 && response.StatusCode == HttpStatusCode.Redirect && !Local(response.Headers.Location!).StartsWith("/smart/", StringComparison.Ordinal); hops++)
        {
            response = await browser.GetAsync(new Uri(Local(response.Headers.Location!), UriKind.Relative));
        }

        var pickerUrl = Local(response.Headers.Location!);
        pickerUrl.Should().StartWith("/smart/patient-picker?request_id=");
        var picker = await browser.GetAsync(new Uri(pickerUrl, UriKind.Relative));
        picker.StatusCode.Should().Be(HttpStatusCode.OK);
        var pickerHtml = await picker.Content.ReadAsStringAsync();
        pickerHtml.Should().Contain("<html lang=\"en\">").And.Contain("Ada Lovelace").And.Contain("<legend>");
        picker.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'self'");

        response = await PostFormAsync(browser, pickerUrl, pickerHtml, "patient-picker-form", ("patient", "pat-1"));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        // Back to /authorize, then the library's consent page.
        response = await browser.GetAsync(new Uri(Local(response.Headers.Location!), UriKind.Relative));
        var consentUrl = Local(response.Headers.Location!);
        consentUrl.Should().StartWith("/smart/consent?request_id=");
        var consentHtml = await browser.GetStringAsync(new Uri(consentUrl, UriKind.Relative));
        consentHtml.Should().Contain("my-app wants to access your health record").And.Contain("pat-1");
        response = await PostFormAsync(browser, consentUrl, consentHtml, "consent-form", ("scope", "patient/Patient.rs"), ("decision", "allow"));

        // The code comes back to the app.
        response = await browser.GetAsync(new Uri(Local(response.Headers.Location!), UriKind.Relative));
        response.Headers.Location!.AbsoluteUri.Should().StartWith(Redirect);
        var query = QueryHelpers.ParseQuery(response.Headers.Location.Query);
        query["state"].ToString().Should().Be(state);

        using var token = await browser.PostAsync(new Uri("/fhir/auth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = query["code"].ToString(), ["redirect_uri"] = Redirect,
            ["client_id"] = "my-app", ["code_verifier"] = verifier,
        }));
        token.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("patient").GetString().Should().Be("pat-1");
        json.GetProperty("scope").GetString().Should().Contain("patient/Patient.rs");

        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri("/fhir/Patient/pat-1", UriKind.Relative));
        read.Headers.Authorization = new("Bearer", json.GetProperty("access_token").GetString());
        using var patient = await browser.SendAsync(read);
        patient.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact] // AUTHZ-12, remembered consent: the default consent page marks, in text, the scopes not approved before.
    public async Task DefaultConsent_RememberedClientAskingForMore_MarksOnlyTheNewScopeAsNew()
    {
        using var browser = Browser();
        var (firstUrl, firstHtml) = await ConsentPageAsync(browser, "remembering-app", "launch/patient patient/Patient.rs");
        firstHtml.Should().NotContain("data-testid=\"scope-new\"", "nothing was approved before");
        var approved = await PostFormAsync(browser, firstUrl, firstHtml, "consent-form", ("scope", "patient/Patient.rs"), ("decision", "allow"));
        approved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var code = await browser.GetAsync(new Uri(Local(approved.Headers.Location!), UriKind.Relative)); // the grant is made (and remembered) here
        code.Headers.Location!.AbsoluteUri.Should().StartWith(Redirect);

        var (_, html) = await ConsentPageAsync(browser, "remembering-app", "launch/patient patient/Patient.rs patient/Observation.rs");

        Regex.Matches(html, "data-testid=\"scope-new\"").Should().ContainSingle();
        var observation = html.IndexOf("<code>patient/Observation.rs</code>", StringComparison.Ordinal);
        var tag = html.IndexOf("data-testid=\"scope-new\"", StringComparison.Ordinal);
        observation.Should().BePositive();
        tag.Should().BeGreaterThan(observation, "the tag follows the new scope in its label");
        html.IndexOf("</label>", observation, StringComparison.Ordinal).Should().BeGreaterThan(tag);
    }

    /// <summary>Signs in, authorizes <paramref name="clientId"/> for <paramref name="scope"/>, picks pat-1 and returns the consent page.</summary>
    private static async Task<(string Url, string Html)> ConsentPageAsync(HttpClient browser, string clientId, string scope)
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var authorize = QueryHelpers.AddQueryString("/fhir/auth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = clientId, ["redirect_uri"] = Redirect, ["state"] = Guid.NewGuid().ToString("N"),
            ["scope"] = scope, ["aud"] = Origin + "/fhir",
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), ["code_challenge_method"] = "S256",
        });
        var response = await browser.GetAsync(new Uri(authorize, UriKind.Relative));
        for (var hops = 0; hops < 5 && response.StatusCode == HttpStatusCode.Redirect && !Local(response.Headers.Location!).StartsWith("/smart/", StringComparison.Ordinal); hops++)
        {
            response = await browser.GetAsync(new Uri(Local(response.Headers.Location!), UriKind.Relative));
        }

        var pickerUrl = Local(response.Headers.Location!);
        pickerUrl.Should().StartWith("/smart/patient-picker?request_id=");
        var pickerHtml = await browser.GetStringAsync(new Uri(pickerUrl, UriKind.Relative));
        response = await PostFormAsync(browser, pickerUrl, pickerHtml, "patient-picker-form", ("patient", "pat-1"));
        response = await browser.GetAsync(new Uri(Local(response.Headers.Location!), UriKind.Relative));
        var consentUrl = Local(response.Headers.Location!);
        consentUrl.Should().StartWith("/smart/consent?request_id=");
        return (consentUrl, await browser.GetStringAsync(new Uri(consentUrl, UriKind.Relative)));
    }

    [Fact] // The picker accepts only a patient the directory offers this user.
    public async Task Picker_PatientNotOffered_IsRefused()
    {
        using var browser = Browser();
        var (pickerUrl, html) = await StartToPickerAsync(browser);

        using var response = await PostFormAsync(browser, pickerUrl, html, "patient-picker-form", ("patient", "someone-else"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("role=\"alert\"").And.Contain("Choose one of the patients listed.");
    }

    [Fact] // Posts without the antiforgery token are refused (no redirect, nothing recorded).
    public async Task Picker_PostWithoutAntiforgery_IsRefused()
    {
        using var browser = Browser();
        var (pickerUrl, html) = await StartToPickerAsync(browser);
        var requestId = HtmlForm.HiddenInputs(html, "patient-picker-form").Single(f => f.Key == "request_id").Value;

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["request_id"] = requestId, ["patient"] = "pat-1" });
        using var response = await browser.PostAsync(new Uri(pickerUrl, UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Fact] // A request id that is not the user's shows the expired page, never the request.
    public async Task Consent_UnknownRequest_ShowsExpired()
    {
        using var browser = Browser();
        await browser.GetAsync(new Uri("/login?returnUrl=%2F", UriKind.Relative));

        using var response = await browser.GetAsync(new Uri("/smart/consent?request_id=unknown", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("This request has expired or is not yours.");
    }

    [Fact] // Without sign-in the pages challenge the host's scheme.
    public async Task Consent_NotSignedIn_ChallengesHostLogin()
    {
        using var browser = Browser();

        using var response = await browser.GetAsync(new Uri("/smart/consent?request_id=x", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Local(response.Headers.Location!).Should().StartWith("/login?ReturnUrl=");
    }

    private static async Task<(string PickerUrl, string Html)> StartToPickerAsync(HttpClient browser)
    {
        var authorize = QueryHelpers.AddQueryString("/fhir/auth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = "my-app", ["redirect_uri"] = Redirect, ["state"] = "s",
            ["scope"] = "launch/patient patient/Patient.rs", ["aud"] = Origin + "/fhir",
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData("verifier-verifier-verifier-verifier-verifier"u8)), ["code_challenge_method"] = "S256",
        });
        var response = await browser.GetAsync(new Uri(authorize, UriKind.Relative));
        for (var hops = 0; hops < 5 && !Local(response.Headers.Location!).StartsWith("/smart/", StringComparison.Ordinal); hops++)
        {
            response = await browser.GetAsync(new Uri(Local(response.Headers.Location!), UriKind.Relative));
        }

        var pickerUrl = Local(response.Headers.Location!);
        return (pickerUrl, await browser.GetStringAsync(new Uri(pickerUrl, UriKind.Relative)));
    }
}
