using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Smart.AspNetCore.Clients;
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
/// Everything in the handler is its default except: the authority and client credentials, <c>ResponseType = code</c>,
/// the SMART scopes and the SMART <c>aud</c> parameter (AUTHZ-3), <c>RequireHttpsMetadata = false</c> and
/// <c>SecurePolicy = SameAsRequest</c> on its correlation and nonce cookies, because this loopback run is plain HTTP.
/// </remarks>
public sealed class OpenIdConnectHandlerTests : IAsyncLifetime
{
    private const string ClientId = "aspnetcore-oidc-rp";
    private const string ClientSecret = "aspnetcore-oidc-rp-secret";
    private const string Scopes = "fhirUser launch/patient patient/Patient.rs";

    private readonly int _rpPort = KestrelSampleEhr.FreePort();
    private KestrelSampleEhr _sample = null!;
    private WebApplication _rp = null!;

    private string RpOrigin => $"http://127.0.0.1:{_rpPort}";

    public async Task InitializeAsync()
    {
        // The sample knows the RP as a confidential client with its callback (the handler's default /signin-oidc).
        _sample = new KestrelSampleEhr
        {
            ConfigureServices = services => services.AddSmartOnFhir().AddInMemoryClients(
            [
                new SmartClient
                {
                    ClientId = ClientId,
                    ClientName = "ASP.NET Core OpenID Connect RP",
                    Kind = SmartClientKind.ConfidentialSymmetric,
                    RedirectUris = { RpOrigin + "/signin-oidc" },
                    Secrets = { SmartClientSecret.FromPlainText(ClientSecret) },
                    AllowedScopes = { "openid", "profile", "fhirUser", "launch/patient", "patient/*.rs" },
                },
            ]),
        };
        await _sample.InitializeAsync();
        _rp = RelyingParty(_sample.FhirBase);
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

    private WebApplication RelyingParty(string fhirBase)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, _rpPort));
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o => o.Cookie.Name = "rp.session")
            .AddOpenIdConnect(o =>
            {
                o.Authority = fhirBase;
                o.RequireHttpsMetadata = false;                                // loopback HTTP only
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ClientId = ClientId;
                o.ClientSecret = ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                foreach (var scope in Scopes.Split(' '))
                {
                    o.Scope.Add(scope);
                }

                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.SetParameter("aud", fhirBase); // SMART: the FHIR server the token is for
                    return Task.CompletedTask;
                };
                o.Events.OnTokenResponseReceived = context =>
                {
                    // SMART launch context comes beside the tokens in the token response.
                    context.Properties!.Items["smart.patient"] = context.TokenEndpointResponse.GetParameter("patient");
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync();
            return Results.Json(new Dictionary<string, string?>
            {
                ["sub"] = context.User.FindFirst("sub")?.Value,
                ["fhirUser"] = context.User.FindFirst("fhirUser")?.Value,
                ["issuer"] = context.User.FindFirst("sub")?.Issuer,
                ["patient"] = result.Properties?.GetString("smart.patient"),
                ["access_token"] = await context.GetTokenAsync("access_token"),
                ["id_token"] = await context.GetTokenAsync("id_token"),
                ["token_type"] = await context.GetTokenAsync("token_type"),
            });
        }).RequireAuthorization();
        return app;
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
