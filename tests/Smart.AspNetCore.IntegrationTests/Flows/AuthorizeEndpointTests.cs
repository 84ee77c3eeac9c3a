using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Authorization endpoint rejections (AUTHZ-2..AUTHZ-9) and standalone launch (AUTHZ-14).</summary>
[Collection(SampleEhrCollection.Name)]
public class AuthorizeEndpointTests(SampleEhrFactory factory)
{
    private const string StandaloneScope = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs";

    [Theory] // AUTHZ-3, AUTHZ-4, SEC-6: never redirect to an unregistered URI.
    [InlineData("growth-chart", "https://evil.example/steal")]
    [InlineData("growth-chart", "http://localhost/apps/growth-chart/index.html?extra=1")]
    [InlineData("growth-chart", "http://localhost/apps/growth-chart/INDEX.html")]
    [InlineData("unknown-client", "http://localhost/apps/growth-chart/index.html")]
    public async Task Authorize_BadClientOrRedirectUri_ShowsErrorPageWithoutRedirect(string clientId, string redirectUri)
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(StandaloneScope, clientId: clientId, redirectUri: redirectUri);

        using var response = await flow.AuthorizeAsync(parameters);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        (await response.Content.ReadAsStringAsync()).Should().Contain(clientId == "unknown-client" ? "invalid_client" : "invalid_request");
    }

    [Theory] // AUTHZ-2, AUTHZ-5, AUTHZ-7, AUTHZ-9, SEC-3: redirected with error and state.
    [InlineData("aud", "https://inferno.healthit.gov/invalid_aud", "invalid_request")]
    [InlineData("aud", null, "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("code_challenge_method", null, "invalid_request")]
    [InlineData("code_challenge", null, "invalid_request")]
    [InlineData("scope", null, "invalid_scope")]
    [InlineData("scope", "system/*.rs", "invalid_scope")]
    public async Task Authorize_BadParameter_RedirectsErrorWithState(string name, string? value, string error)
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(StandaloneScope);
        if (value is null)
        {
            parameters.Remove(name);
        }
        else
        {
            parameters[name] = value;
        }

        using var response = await flow.AuthorizeAsync(parameters);

        EhrLaunchTests.AssertRedirectError(response, error, parameters["state"]);
    }

    [Fact] // AUTHZ-14: a clinician picks the patient in the EHR's picker.
    public async Task StandaloneLaunch_Clinician_PicksPatient()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(StandaloneScope);

        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(parameters), pickPatient: "adult-002");
        var token = await flow.ExchangeCodeAsync(QueryHelpers.ParseQuery(redirect.Query)["code"]!);

        token.Status.Should().Be(HttpStatusCode.OK);
        token["patient"].Should().Be("adult-002");
        token["scope"].Should().Be(StandaloneScope);
        token.Json.TryGetProperty("need_patient_banner", out _).Should().BeFalse();
    }

    [Fact] // AUTHZ-14: a patient user gets their own record without a picker; user/ scopes are not delegated (SCOPE-6).
    public async Task StandaloneLaunch_PatientUser_GetsOwnRecordAndNoUserScopes()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var parameters = flow.AuthorizeParameters(StandaloneScope + " user/Observation.rs");

        using var first = await flow.AuthorizeAsync(parameters);
        first.Headers.Location!.OriginalString.Should().StartWith("/smart/consent", "a patient user skips the picker");
        var redirect = await flow.FollowToAppAsync(first);
        var token = await flow.ExchangeCodeAsync(QueryHelpers.ParseQuery(redirect.Query)["code"]!);

        token["patient"].Should().Be("peds-001");
        token["scope"].Should().Be(StandaloneScope);
        Jwt.Payload(token["id_token"]!).GetProperty("fhirUser").GetString().Should().Be(SampleEhrFactory.FhirBase + "/Patient/peds-001");
    }

    [Fact] // AUTHZ-5, AUTHZ-11: the user denies; the app gets access_denied with its state.
    public async Task Consent_Deny_RedirectsAccessDenied()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var parameters = flow.AuthorizeParameters(StandaloneScope);

        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(parameters), decision: "deny");
        var query = QueryHelpers.ParseQuery(redirect.Query);

        query["error"].ToString().Should().Be("access_denied");
        query["state"].ToString().Should().Be(parameters["state"]);
        query.Should().NotContainKey("code");
    }

    [Fact] // AUTHZ-12, TOKEN-12: unticked scopes are not granted; the rest keep their requested text.
    public async Task Consent_UntickedScope_IsNotGranted()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var parameters = flow.AuthorizeParameters("launch/patient openid fhirUser patient/Patient.read patient/Observation.read offline_access");

        var redirect = await flow.FollowToAppAsync(
            await flow.AuthorizeAsync(parameters),
            approve: ["launch/patient", "openid", "fhirUser", "patient/Patient.read"]);
        var token = await flow.ExchangeCodeAsync(QueryHelpers.ParseQuery(redirect.Query)["code"]!);

        token["scope"].Should().Be("launch/patient openid fhirUser patient/Patient.read");
        token["refresh_token"].Should().BeNull("offline_access was unticked");
    }

    [Fact] // AUTHZ-13, SCOPE-8: the user narrows a resource-level scope to a category; the granted scope is granular.
    public async Task Consent_GranularSelection_GrantsGranularScope()
    {
        const string granular = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var parameters = flow.AuthorizeParameters("launch/patient openid patient/Observation.rs");

        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(parameters), approve: ["launch/patient", "openid", granular]);
        var token = await flow.ExchangeCodeAsync(QueryHelpers.ParseQuery(redirect.Query)["code"]!);

        token["scope"].Should().Be("launch/patient openid " + granular);
    }

    [Fact] // AUTHZ-13 (g10 "SMART Granular Scope Selection"): category choices on the consent page replace the resource-level scope.
    public async Task Consent_CategoryChoices_AreGrantedInsteadOfResourceLevelScopes()
    {
        const string vitals = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
        const string problems = "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item";
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var parameters = flow.AuthorizeParameters("launch/patient openid fhirUser offline_access patient/Condition.rs patient/Observation.rs patient/Patient.rs");

        var redirect = await flow.FollowToAppAsync(
            await flow.AuthorizeAsync(parameters),
            approve: ["launch/patient", "openid", "fhirUser", "offline_access", "patient/Condition.rs", "patient/Observation.rs", "patient/Patient.rs", vitals, problems]);
        var token = await flow.ExchangeCodeAsync(QueryHelpers.ParseQuery(redirect.Query)["code"]!);

        token["scope"].Should().Be($"launch/patient openid fhirUser offline_access {problems} {vitals} patient/Patient.rs");
    }

    [Fact] // SCOPE-4, TOKEN-12: v1 scopes come back in v1 form.
    public async Task Authorize_V1Scopes_AreGrantedVerbatim()
    {
        const string v1 = "launch/patient openid fhirUser offline_access patient/*.read";
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");

        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(v1));

        token["scope"].Should().Be(v1);
        token["refresh_token"].Should().NotBeNull("offline_access was granted (REFRESH-1)");
    }

    [Fact] // OIDC-6: a SMART 1.0 client asking for "openid profile" gets the profile claim.
    public async Task Authorize_V1OpenIdProfile_IdTokenCarriesProfile()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");

        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync("launch/patient openid profile patient/*.read"));

        var claims = Jwt.Payload(token["id_token"]!);
        claims.GetProperty("profile").GetString().Should().Be(SampleEhrFactory.FhirBase + "/Patient/peds-001");
        claims.TryGetProperty("fhirUser", out _).Should().BeFalse("fhirUser was not requested");
    }

    [Fact] // Standalone requests cannot be granted the launch scope without an EHR launch.
    public async Task Authorize_LaunchScopeWithoutLaunch_IsNotGranted()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");

        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync("launch openid patient/Patient.rs"));

        token["scope"].Should().Be("openid patient/Patient.rs");
        token["patient"].Should().Be("peds-001", "SCOPE-9: patient/ scopes establish a patient context");
    }

    [Fact] // The pending request belongs to the user who took it over.
    public async Task Consent_OtherUsersRequest_IsRefused()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        using var first = await flow.AuthorizeAsync(flow.AuthorizeParameters(StandaloneScope));
        var consentUrl = first.Headers.Location!.OriginalString;

        using var other = new SmartFlowClient(factory);
        await other.LoginAsync();
        using var response = await other.Browser.GetAsync(new Uri(consentUrl, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Authorize_UnknownRequestId_ShowsErrorPage()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();

        using var response = await flow.Browser.GetAsync(new Uri("/fhir/auth/authorize?request_id=nope", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Fact] // SEC-7: the authorization endpoint does not answer CORS.
    public async Task Authorize_WithOrigin_HasNoCorsHeaders()
    {
        using var flow = new SmartFlowClient(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(QueryHelpers.AddQueryString("/fhir/auth/authorize", flow.AuthorizeParameters(StandaloneScope)!), UriKind.Relative));
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await flow.Browser.SendAsync(request);

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }
}
