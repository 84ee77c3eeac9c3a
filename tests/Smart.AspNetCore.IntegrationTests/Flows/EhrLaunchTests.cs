using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>The classic flow: a clinician opens peds-001, clicks Growth Chart, the app gets a token with context.</summary>
[Collection(SampleEhrCollection.Name)]
public class EhrLaunchTests(SampleEhrFactory factory)
{
    private const string Scope = "launch openid fhirUser patient/Patient.rs patient/Observation.rs online_access";

    [Fact] // AUTHZ-6, AUTHZ-8, AUTHZ-15, TOKEN-7, TOKEN-8, TOKEN-12, CTX-1, CTX-2, CTX-5, OIDC-1, OIDC-2
    public async Task EhrLaunch_Clinician_GetsTokensWithLaunchContext()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync("peds-001");
        var parameters = flow.AuthorizeParameters(Scope, launch);
        parameters["nonce"] = "n-0S6_WzA2Mj";

        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(parameters));
        var query = QueryHelpers.ParseQuery(redirect.Query);
        redirect.GetLeftPart(UriPartial.Path).Should().Be(SmartFlowClient.GrowthChartRedirect);
        query["state"].ToString().Should().Be(parameters["state"]);
        var token = await flow.ExchangeCodeAsync(query["code"]!);

        token.Status.Should().Be(HttpStatusCode.OK);
        token.Headers.CacheControl!.NoStore.Should().BeTrue();
        token.Headers.Pragma.ToString().Should().Be("no-cache");
        token.ContentHeaders.ContentType!.MediaType.Should().Be("application/json");
        token["token_type"].Should().Be("Bearer");
        token.Json.GetProperty("expires_in").GetInt32().Should().Be(3600);
        token["scope"].Should().Be(Scope);
        token["patient"].Should().Be("peds-001");
        token.Json.GetProperty("need_patient_banner").GetBoolean().Should().BeTrue();
        token["smart_style_url"].Should().Be(SampleEhrFactory.Origin + "/smart-style/v1.json");
        token["refresh_token"].Should().NotBeNullOrEmpty();

        var access = await Jwt.ValidateAsync(flow.App, token["access_token"]!, SampleEhrFactory.FhirBase, "at+jwt");
        access.IsValid.Should().BeTrue(access.Exception?.Message);
        var claims = Jwt.Payload(token["access_token"]!);
        claims.GetProperty("client_id").GetString().Should().Be("growth-chart");
        claims.GetProperty("scope").GetString().Should().Be(Scope);
        claims.GetProperty("patient").GetString().Should().Be("peds-001");
        claims.GetProperty("sub").GetString().Should().Be("clinician");
        claims.GetProperty("jti").GetString().Should().NotBeNullOrEmpty();

        var id = await Jwt.ValidateAsync(flow.App, token["id_token"]!, "growth-chart");
        id.IsValid.Should().BeTrue(id.Exception?.Message);
        new JsonWebToken(token["id_token"]).Alg.Should().Be("RS256");
        var idClaims = Jwt.Payload(token["id_token"]!);
        idClaims.GetProperty("fhirUser").GetString().Should().Be(SampleEhrFactory.FhirBase + "/Practitioner/prac-001");
        idClaims.GetProperty("nonce").GetString().Should().Be("n-0S6_WzA2Mj");
        idClaims.GetProperty("sub").GetString().Should().Be("clinician");
    }

    [Fact] // CTX-3: encounter context from the EHR, readable with the token (g10 EHR Practitioner App).
    public async Task EhrLaunch_WithEncounter_ReturnsEncounterContext()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync("peds-001", encounter: "peds-001-enc-01");

        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync("launch openid patient/Encounter.rs patient/Patient.rs", launch));

        token["encounter"].Should().Be("peds-001-enc-01");
        Jwt.Payload(token["access_token"]!).GetProperty("encounter").GetString().Should().Be("peds-001-enc-01");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/fhir/Encounter/peds-001-enc-01", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token["access_token"]);
        using var read = await flow.App.SendAsync(request);
        read.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact] // SEC-9: nothing the library logs, at any level, contains a token, code, launch handle or patient id.
    public async Task FullFlow_LibraryLogs_HoldNoSecretsOrPatientIds()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync("peds-001");
        var code = await flow.AuthorizeCodeAsync(Scope, launch);
        var token = await flow.ExchangeCodeAsync(code);
        var refreshed = await flow.RefreshAsync(token["refresh_token"]!);
        await flow.ExchangeCodeAsync(code);   // a replay, logged as a warning

        var secrets = new[] { launch, code, token["access_token"]!, token["refresh_token"]!, token["id_token"]!, refreshed["refresh_token"]!, flow.Verifier, "peds-001" };
        factory.LibraryLogs.Messages.Should().NotBeEmpty();
        foreach (var message in factory.LibraryLogs.Messages)
        {
            foreach (var secret in secrets)
            {
                message.Should().NotContain(secret);
            }
        }
    }

    [Fact] // AUTHZ-8, SEC-5: a launch handle is single-use.
    public async Task Authorize_LaunchUsedTwice_SecondIsInvalidRequest()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync();
        await flow.AuthorizeCodeAsync(Scope, launch);

        var parameters = flow.AuthorizeParameters(Scope, launch);
        using var response = await flow.AuthorizeAsync(parameters);

        AssertRedirectError(response, "invalid_request", parameters["state"]);
    }

    [Fact] // AUTHZ-8 (the removed g10 "Invalid Launch Parameter" test).
    public async Task Authorize_UnknownLaunch_IsInvalidRequest()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(Scope, "INVALID_LAUNCH_PARAM");

        using var response = await flow.AuthorizeAsync(parameters);

        AssertRedirectError(response, "invalid_request", parameters["state"]);
    }

    [Fact] // AUTHZ-8: bound to the intended client.
    public async Task Authorize_LaunchForAnotherClient_IsInvalidRequest()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync();
        var parameters = flow.AuthorizeParameters(Scope, launch, clientId: "confidential-app", redirectUri: SampleEhrFactory.Origin + "/apps/confidential/callback");

        using var response = await flow.AuthorizeAsync(parameters);

        AssertRedirectError(response, "invalid_request", parameters["state"], SampleEhrFactory.Origin + "/apps/confidential/callback");
    }

    [Fact] // AUTHZ-8: bound to the user who launched.
    public async Task Authorize_LaunchUsedByAnotherUser_IsInvalidRequest()
    {
        using var clinician = new SmartFlowClient(factory);
        await clinician.LoginAsync();
        var launch = await clinician.StartEhrLaunchAsync();
        using var patient = new SmartFlowClient(factory);
        await patient.LoginAsync("patient", "patient");
        var parameters = patient.AuthorizeParameters(Scope, launch);

        using var response = await patient.AuthorizeAsync(parameters);

        AssertRedirectError(response, "invalid_request", parameters["state"]);
    }

    [Fact] // AUTHZ-11: the host's own login, then back to the authorization.
    public async Task Authorize_NotSignedIn_ChallengesHostLoginThenResumes()
    {
        using var flow = new SmartFlowClient(factory);
        var parameters = flow.AuthorizeParameters("launch/patient openid fhirUser patient/Patient.rs");

        using var first = await flow.AuthorizeAsync(parameters);
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        first.Headers.Location!.AbsolutePath.Should().Be("/account/login");
        var returnUrl = QueryHelpers.ParseQuery(first.Headers.Location.Query)["returnUrl"].ToString();
        returnUrl.Should().StartWith("/fhir/auth/authorize?request_id=");
        returnUrl.Should().NotContain("code_challenge", "the pending request is kept server-side");

        await flow.LoginAsync("patient", "patient");
        var redirect = await flow.FollowToAppAsync(await flow.Browser.GetAsync(new Uri(returnUrl, UriKind.Relative)));

        QueryHelpers.ParseQuery(redirect.Query).Should().ContainKey("code");
    }

    [Fact] // AUTHZ-1, Appendix E: a cross-site POST without the SameSite cookie continues as a GET with it.
    public async Task AuthorizePost_WithoutCookie_IsKeptServerSideAndResumedWithCookie()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync();
        var parameters = flow.AuthorizeParameters(Scope, launch);

        using var crossSite = new SmartFlowClient(factory);
        using var posted = await crossSite.AuthorizePostAsync(parameters);
        posted.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        var resume = posted.Headers.Location!.OriginalString;
        resume.Should().StartWith("/fhir/auth/authorize?request_id=");

        var redirect = await flow.FollowToAppAsync(await flow.Browser.GetAsync(new Uri(resume, UriKind.Relative)));
        var token = await flow.ExchangeCodeAsync(QueryHelpers.ParseQuery(redirect.Query)["code"]!);

        token.Status.Should().Be(HttpStatusCode.OK);
        token["patient"].Should().Be("peds-001");
    }

    internal static void AssertRedirectError(HttpResponseMessage response, string error, string state, string redirectUri = SmartFlowClient.GrowthChartRedirect)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(redirectUri);
        var query = QueryHelpers.ParseQuery(location.Query);
        query["error"].ToString().Should().Be(error);
        query["state"].ToString().Should().Be(state);
        query["error_description"].ToString().Should().NotBeEmpty();
        query.Should().NotContainKey("code");
    }
}
