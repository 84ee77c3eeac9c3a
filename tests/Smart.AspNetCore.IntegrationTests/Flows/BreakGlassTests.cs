using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// SAMPLE-CONTRACT "Sensitive data and breaking the glass": restricted Conditions reach an app only when the clinician
/// gave a break-glass reason at consent; the elevation holds across refresh, never into a new grant, shows in
/// introspection, is refused to patient users, and is logged without the reason.
/// </summary>
[Collection(SampleEhrCollection.Name)]
public class BreakGlassTests(SampleEhrFactory factory)
{
    private const string Scope = "launch patient/Patient.rs patient/Condition.rs offline_access";
    private const string Reason = "Acute crisis assessment, on call";

    [Fact]
    public async Task Consent_ClinicianWithoutReason_RestrictedConditionWithheld()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var token = await EhrLaunchAsync(flow, "adult-002", reason: null);

        (await GetAsync(flow.App, "/fhir/Condition/sensitive-001", token["access_token"]!)).Status.Should().Be(HttpStatusCode.Forbidden);
        var search = await GetAsync(flow.App, "/fhir/Condition?patient=adult-002", token["access_token"]!);
        search.Status.Should().Be(HttpStatusCode.OK);
        ConditionIds(search.Json).Should().Contain("adult-002-cond-01").And.NotContain("sensitive-001");
    }

    [Fact]
    public async Task Consent_ClinicianWithReason_RestrictedConditionReadableAcrossRefreshOnly()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var logsBefore = factory.LibraryLogs.Messages.Count;

        var token = await EhrLaunchAsync(flow, "adult-002", Reason);

        var read = await GetAsync(flow.App, "/fhir/Condition/sensitive-001", token["access_token"]!);
        read.Status.Should().Be(HttpStatusCode.OK);
        read.Json.GetProperty("meta").GetProperty("security")[0].GetProperty("code").GetString().Should().Be("R");
        ConditionIds((await GetAsync(flow.App, "/fhir/Condition?patient=adult-002", token["access_token"]!)).Json).Should().Contain("sensitive-001");

        // The elevation survives refresh (REFRESH-5) ...
        var refreshed = await flow.RefreshAsync(token["refresh_token"]!);
        refreshed.Status.Should().Be(HttpStatusCode.OK);
        (await GetAsync(flow.App, "/fhir/Condition/sensitive-001", refreshed["access_token"]!)).Status.Should().Be(HttpStatusCode.OK);

        // ... shows in introspection of the access token and of the refresh token ...
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("confidential-app:confidential-secret")));
        var accessIntrospection = await IntrospectionTests.IntrospectAsync(flow.App, new Dictionary<string, string> { ["token"] = refreshed["access_token"]! }, basic);
        accessIntrospection.Json.GetProperty("break_glass").GetBoolean().Should().BeTrue();
        var refreshIntrospection = await IntrospectionTests.IntrospectAsync(flow.App, new Dictionary<string, string> { ["token"] = refreshed["refresh_token"]! }, basic);
        refreshIntrospection.Json.GetProperty("break_glass").GetBoolean().Should().BeTrue();

        // ... is logged without the reason ...
        var logs = factory.LibraryLogs.Messages.Skip(logsBefore).ToList();
        logs.Should().Contain(m => m.Contains(" 2100 ", StringComparison.Ordinal) && m.Contains("Break-glass", StringComparison.Ordinal));
        logs.Should().NotContain(m => m.Contains(Reason, StringComparison.Ordinal));
        logs.Should().NotContain(m => m.Contains("adult-002", StringComparison.Ordinal));

        // ... and never carries into a new grant.
        var next = await EhrLaunchAsync(flow, "adult-002", reason: null);
        (await GetAsync(flow.App, "/fhir/Condition/sensitive-001", next["access_token"]!)).Status.Should().Be(HttpStatusCode.Forbidden);
        var nextIntrospection = await IntrospectionTests.IntrospectAsync(flow.App, new Dictionary<string, string> { ["token"] = next["access_token"]! }, basic);
        nextIntrospection.Json.TryGetProperty("break_glass", out _).Should().BeFalse();
    }

    [Fact] // Breaking the glass for adult-002 does not open peds-001's restricted record.
    public async Task Consent_ClinicianWithReason_OtherPatientsRestrictedStillWithheld()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var token = await EhrLaunchAsync(flow, "adult-002", Reason);

        (await GetAsync(flow.App, "/fhir/Condition/sensitive-002", token["access_token"]!)).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Consent_PatientUser_NoFieldAndPostedReasonIgnored()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var response = await flow.AuthorizeAsync(flow.AuthorizeParameters("launch/patient patient/Condition.rs"));
        var consentUrl = LocalUrl(response);
        consentUrl.Should().StartWith("/smart/consent");
        var page = await flow.Browser.GetStringAsync(new Uri(consentUrl, UriKind.Relative));
        page.Should().NotContain("break_glass_reason");

        var token = await ExchangeAsync(flow, await SubmitConsentAsync(flow, consentUrl, Reason));

        token["patient"].Should().Be("peds-001");
        (await GetAsync(flow.App, "/fhir/Condition/sensitive-002", token["access_token"]!)).Status.Should().Be(HttpStatusCode.Forbidden);
        ConditionIds((await GetAsync(flow.App, "/fhir/Condition?patient=peds-001", token["access_token"]!)).Json).Should().NotContain("sensitive-002");
    }

    [Fact] // The EHR's own chart shows restricted records to the clinician, with a "Restricted" badge; not to the patient.
    public async Task ChartPage_ShowsRestrictedConditionWithBadgeToClinicianOnly()
    {
        using var clinician = new SmartFlowClient(factory);
        await clinician.LoginAsync();
        var chart = await clinician.Browser.GetStringAsync(new Uri("/ehr/patients/adult-002", UriKind.Relative));
        chart.Should().Contain("data-id=\"sensitive-001\"").And.Contain("data-testid=\"restricted-badge\"").And.Contain("Depressive disorder");

        using var patient = new SmartFlowClient(factory);
        await patient.LoginAsync("patient", "patient");
        var own = await patient.Browser.GetStringAsync(new Uri("/ehr/patients/peds-001", UriKind.Relative));
        own.Should().NotContain("sensitive-002").And.NotContain("Safeguarding");
    }

    internal static async Task<TokenResult> EhrLaunchAsync(SmartFlowClient flow, string patient, string? reason)
    {
        var launch = await flow.StartEhrLaunchAsync(patient);
        var response = await flow.AuthorizeAsync(flow.AuthorizeParameters(Scope, launch));
        var consentUrl = LocalUrl(response);
        consentUrl.Should().StartWith("/smart/consent");
        var page = await flow.Browser.GetStringAsync(new Uri(consentUrl, UriKind.Relative));
        page.Should().Contain("name=\"break_glass_reason\"");
        return await ExchangeAsync(flow, await SubmitConsentAsync(flow, consentUrl, reason));
    }

    internal static async Task<HttpResponseMessage> SubmitConsentAsync(SmartFlowClient flow, string consentUrl, string? reason)
    {
        var page = await flow.Browser.GetStringAsync(new Uri(consentUrl, UriKind.Relative));
        var form = HtmlForm.HiddenInputs(page, "consent-form");
        form.AddRange(HtmlForm.CheckedValues(page, "scope").Select(s => new KeyValuePair<string, string>("scope", s)));
        form.Add(new("decision", "allow"));
        if (reason is not null)
        {
            form.Add(new("break_glass_reason", reason));
        }

        using var content = new FormUrlEncodedContent(form);
        return await flow.Browser.PostAsync(new Uri(consentUrl, UriKind.Relative), content);
    }

    internal static async Task<TokenResult> ExchangeAsync(SmartFlowClient flow, HttpResponseMessage afterConsent)
    {
        var redirect = await flow.FollowToAppAsync(afterConsent);
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        code.Should().NotBeNullOrEmpty();
        var token = await flow.ExchangeCodeAsync(code);
        token.Status.Should().Be(HttpStatusCode.OK);
        return token;
    }

    internal static string LocalUrl(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default);
    }

    private static List<string> ConditionIds(JsonElement bundle) =>
        bundle.TryGetProperty("entry", out var entries)
            ? [.. entries.EnumerateArray().Select(e => e.GetProperty("resource")).Where(r => r.GetProperty("resourceType").GetString() == "Condition").Select(r => r.GetProperty("id").GetString()!)]
            : [];
}
