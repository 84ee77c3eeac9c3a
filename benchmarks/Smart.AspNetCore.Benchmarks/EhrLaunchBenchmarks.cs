using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smart.AspNetCore;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.ResourceServer;

namespace Smart.AspNetCore.Benchmarks;

/// <summary>
/// A whole EHR launch in process, through the real pipeline of a small EHR host on <see cref="TestServer"/> (issue 14):
/// the signed-in clinician's launch (<c>/ehr/launch</c>, which starts it with <see cref="ISmartLaunchService"/>), the
/// app's authorize request (cookie sign-in of the host, trusted client: no consent page), the code exchange with PKCE
/// (access token with <see cref="AccessTokenAlgorithm"/>, RS256 id_token, refresh token) and the first FHIR read
/// with the new access token. Every step's status is checked.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EhrLaunchBenchmarks
{
    private const string Origin = "http://localhost";
    private const string FhirBase = Origin + "/fhir";
    private const string RedirectUri = Origin + "/app/cb";
    private const string Scope = "launch openid fhirUser patient/Patient.rs online_access";
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private const string PatientJson = """{"resourceType":"Patient","id":"peds-001","name":[{"family":"Rivera","given":["Emma"]}]}""";

    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _cookie = string.Empty;

    [Params(SmartSigningAlgorithms.RS256, SmartSigningAlgorithms.ES256)]
    public string AccessTokenAlgorithm { get; set; } = SmartSigningAlgorithms.RS256;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        var client = new SmartClient { ClientId = "growth-chart", Kind = SmartClientKind.Public, Consent = SmartConsentPolicy.Trusted, LaunchUrl = Origin + "/app/launch" };
        client.RedirectUris.Add(RedirectUri);
        foreach (var scope in Scope.Split(' '))
        {
            client.AllowedScopes.Add(scope);
        }

        client.AllowedGrantTypes.Add("authorization_code");
        client.AllowedGrantTypes.Add("refresh_token");
        builder.Services.AddSmartOnFhir(o =>
        {
            o.FhirBaseUrl = new Uri(FhirBase);
            o.RequireHttps = false;
            using var rsa = RSA.Create(2048);
            o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "rs", Pem = rsa.ExportPkcs8PrivateKeyPem() });
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "es", Algorithm = SmartSigningAlgorithms.ES256, Pem = ec.ExportECPrivateKeyPem() });
            o.Signing.AccessTokenAlgorithm = AccessTokenAlgorithm;
        }).AddInMemoryClients([client]).AddResourceServer();

        // The host's own sign-in: cookies, the default scheme the authorize endpoint challenges.
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorization();

        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapSmartOnFhir();
        _app.MapPost("/login", static async (HttpContext context) =>
        {
            var identity = new ClaimsIdentity([new Claim("sub", "clinician"), new Claim("fhirUser", "Practitioner/prac-001"), new Claim("sid", "s1")], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(new ClaimsPrincipal(identity));
        });
        _app.MapGet("/ehr/launch", static async (HttpContext context, ISmartLaunchService launches) =>
        {
            var launch = await launches.StartLaunchAsync(context.User, "growth-chart", new SmartLaunchContext { Patient = "peds-001", NeedPatientBanner = true }, context.RequestAborted);
            return Results.Redirect(launch.LaunchUrl.AbsoluteUri);
        }).RequireAuthorization();
        _app.MapGroup("/fhir").RequireSmartAuthorization().MapGet("/Patient/{id}", static (string id) => Results.Text(PatientJson, "application/fhir+json"));
        _app.StartAsync().GetAwaiter().GetResult();
        _client = _app.GetTestClient();

        using var login = _client.PostAsync(new Uri("/login", UriKind.Relative), null).GetAwaiter().GetResult();
        _cookie = login.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        Launch().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }

    /// <summary>Launch, authorize (trusted: no consent page), exchange the code, read the patient with the token.</summary>
    [Benchmark]
    public async Task<int> Launch()
    {
        // 1. The clinician clicks the app in the chart: the EHR starts a launch and sends the browser to the app.
        using var launch = await SendAsync(HttpMethod.Get, "/ehr/launch", browser: true);
        Expect(launch, HttpStatusCode.Redirect);
        var launchHandle = QueryHelpers.ParseQuery(launch.Headers.Location!.Query)["launch"].ToString();

        // 2. The app asks for authorization; the EHR's session signs the user in, the trusted client skips consent.
        var authorize = QueryHelpers.AddQueryString("/fhir/auth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = "growth-chart",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = Scope,
            ["state"] = "s-1",
            ["aud"] = FhirBase,
            ["launch"] = launchHandle,
            ["code_challenge"] = Challenge,
            ["code_challenge_method"] = "S256",
        });
        var location = authorize;
        for (var hops = 0; !location.StartsWith(RedirectUri, StringComparison.Ordinal); hops++)
        {
            using var hop = await SendAsync(HttpMethod.Get, location, browser: true);
            if (hops > 5 || hop.Headers.Location is null)
            {
                throw new InvalidOperationException($"authorize: {(int)hop.StatusCode} {await hop.Content.ReadAsStringAsync()}");
            }

            location = hop.Headers.Location.IsAbsoluteUri ? hop.Headers.Location.AbsoluteUri : hop.Headers.Location.OriginalString;
        }

        var code = QueryHelpers.ParseQuery(new Uri(location).Query)["code"].ToString();

        // 3. The app exchanges the code (public client, PKCE).
        using var token = await SendAsync(HttpMethod.Post, "/fhir/auth/token", browser: false, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = "growth-chart",
            ["code_verifier"] = Verifier,
        }));
        Expect(token, HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await token.Content.ReadAsStreamAsync());
        var accessToken = json.RootElement.GetProperty("access_token").GetString();

        // 4. The first FHIR read with the new token.
        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri("/fhir/Patient/peds-001", UriKind.Relative));
        read.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using var patient = await _client.SendAsync(read);
        Expect(patient, HttpStatusCode.OK);
        return (int)patient.StatusCode;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, bool browser, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.RelativeOrAbsolute)) { Content = content };
        if (browser)
        {
            request.Headers.Add("Cookie", _cookie);
        }

        return _client.SendAsync(request);
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {Encoding.UTF8.GetString(response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult())}");
        }
    }
}
