using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>
/// Drives the SMART flows against the sample through its real pipeline: a browser-like client (cookies, no automatic
/// redirects) for the EHR user, and plain form posts for the app's token requests.
/// </summary>
public sealed class SmartFlowClient : IDisposable
{
    public const string GrowthChart = "growth-chart";
    public const string GrowthChartRedirect = SampleEhrFactory.Origin + "/apps/growth-chart/index.html";

    private readonly HttpClient _browser;
    private readonly HttpClient _app;

    public SmartFlowClient(WebApplicationFactory<Program> factory)
    {
        _browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        _app = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    /// <summary>Drives the flows through clients of the caller's own (for example to a load balancer in front of several instances).</summary>
    public SmartFlowClient(HttpClient browser, HttpClient app)
    {
        _browser = browser;
        _app = app;
    }

    public HttpClient Browser => _browser;

    public HttpClient App => _app;

    public string Verifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public string Challenge => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public async Task LoginAsync(string username = "clinician", string password = "clinician")
    {
        var page = await _browser.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var form = HtmlForm.HiddenInputs(page, "login-form");
        form.Add(new("username", username));
        form.Add(new("password", password));
        using var content = new FormUrlEncodedContent(form);
        using var response = await _browser.PostAsync(new Uri("/account/login", UriKind.Relative), content);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "the demo login must succeed");
    }

    /// <summary>Starts an EHR launch as the signed-in user and returns the opaque launch handle.</summary>
    public async Task<string> StartEhrLaunchAsync(string patient = "peds-001", string clientId = GrowthChart, string? encounter = null)
    {
        var url = $"/ehr/launch?client_id={clientId}&patient={patient}" + (encounter is null ? string.Empty : "&encounter=" + encounter);
        using var response = await _browser.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        query["iss"].ToString().Should().Be(SampleEhrFactory.FhirBase);
        return query["launch"].ToString();
    }

    public Dictionary<string, string> AuthorizeParameters(string scope, string? launch = null, string clientId = GrowthChart, string redirectUri = GrowthChartRedirect)
    {
        var parameters = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = "state-" + Guid.NewGuid().ToString("N"),
            ["aud"] = SampleEhrFactory.FhirBase,
            ["code_challenge"] = Challenge,
            ["code_challenge_method"] = "S256",
        };
        if (launch is not null)
        {
            parameters["launch"] = launch;
        }

        return parameters;
    }

    public Task<HttpResponseMessage> AuthorizeAsync(IDictionary<string, string> parameters) =>
        _browser.GetAsync(new Uri(QueryHelpers.AddQueryString("/fhir/auth/authorize", parameters!), UriKind.Relative));

    public async Task<HttpResponseMessage> AuthorizePostAsync(IDictionary<string, string> parameters)
    {
        using var content = new FormUrlEncodedContent(parameters);
        return await _browser.PostAsync(new Uri("/fhir/auth/authorize", UriKind.Relative), content);
    }

    /// <summary>
    /// Follows the EHR's redirects like a browser, approving consent (as shown, or with <paramref name="approve"/>) and
    /// picking <paramref name="pickPatient"/>, until the browser is sent back to the app. Returns that URL.
    /// </summary>
    public async Task<Uri> FollowToAppAsync(HttpResponseMessage response, string decision = "allow", IReadOnlyList<string>? approve = null, string pickPatient = "peds-001")
    {
        for (var hops = 0; hops < 20; hops++)
        {
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found))
            {
                var body = await response.Content.ReadAsStringAsync();
                throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
            }

            var location = response.Headers.Location!;
            if (location.IsAbsoluteUri && location.AbsoluteUri.StartsWith(SampleEhrFactory.Origin + "/apps/", StringComparison.Ordinal))
            {
                return location;
            }

            var local = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
            response.Dispose();
            if (local.StartsWith("/smart/consent", StringComparison.Ordinal))
            {
                response = await SubmitConsentAsync(local, decision, approve);
            }
            else if (local.StartsWith("/smart/patient-picker", StringComparison.Ordinal))
            {
                response = await SubmitPatientAsync(local, pickPatient);
            }
            else
            {
                response = await _browser.GetAsync(new Uri(local, UriKind.Relative));
            }
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    public async Task<HttpResponseMessage> SubmitConsentAsync(string consentUrl, string decision, IReadOnlyList<string>? approve)
    {
        var page = await _browser.GetStringAsync(new Uri(consentUrl, UriKind.Relative));
        var form = HtmlForm.HiddenInputs(page, "consent-form");
        if (approve is not null)
        {
            form.RemoveAll(f => f.Key == "scope");
        }

        foreach (var scope in approve ?? HtmlForm.CheckedValues(page, "scope"))
        {
            form.Add(new("scope", scope));
        }

        form.Add(new("decision", decision));
        using var content = new FormUrlEncodedContent(form);
        return await _browser.PostAsync(new Uri(consentUrl, UriKind.Relative), content);
    }

    public async Task<HttpResponseMessage> SubmitPatientAsync(string pickerUrl, string patient)
    {
        var page = await _browser.GetStringAsync(new Uri(pickerUrl, UriKind.Relative));
        var form = HtmlForm.HiddenInputs(page, "patient-picker-form");
        form.Add(new("patient", patient));
        using var content = new FormUrlEncodedContent(form);
        return await _browser.PostAsync(new Uri(pickerUrl, UriKind.Relative), content);
    }

    /// <summary>Runs a whole authorization and returns the code.</summary>
    public async Task<string> AuthorizeCodeAsync(string scope, string? launch = null)
    {
        var parameters = AuthorizeParameters(scope, launch);
        var redirect = await FollowToAppAsync(await AuthorizeAsync(parameters));
        var query = QueryHelpers.ParseQuery(redirect.Query);
        query.Should().NotContainKey("error", because: query.TryGetValue("error_description", out var d) ? d.ToString() : string.Empty);
        query["state"].ToString().Should().Be(parameters["state"]);
        return query["code"].ToString();
    }

    public async Task<TokenResult> TokenAsync(IDictionary<string, string> form, AuthenticationHeaderValue? authorization = null, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/fhir/auth/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = authorization;
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await _app.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new TokenResult(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response.Headers, response.Content.Headers);
    }

    public Task<TokenResult> ExchangeCodeAsync(string code, string? verifier = null, string clientId = GrowthChart, string redirectUri = GrowthChartRedirect) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier ?? Verifier,
        });

    public Task<TokenResult> RefreshAsync(string refreshToken, string? scope = null, string clientId = GrowthChart)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = clientId };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return TokenAsync(form);
    }

    public void Dispose()
    {
        _browser.Dispose();
        _app.Dispose();
    }
}

public sealed record TokenResult(HttpStatusCode Status, JsonElement Json, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    public string? this[string name] => Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string? Error => this["error"];
}
