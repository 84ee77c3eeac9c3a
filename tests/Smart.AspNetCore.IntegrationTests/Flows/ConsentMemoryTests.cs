using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// SAMPLE-CONTRACT "Connected apps" (AUTHZ-12): consent is remembered per user and app, asking for more shows the
/// page again with the new scopes marked, <c>prompt=consent</c> always shows it, and revoking on
/// <c>/account/apps</c> ends the app's tokens at once and forgets the consent. Each test has its own host.
/// </summary>
public sealed class ConsentMemoryTests
{
    private const string Scope = "launch openid fhirUser patient/Observation.rs";
    private const string MoreScope = Scope + " patient/Patient.rs";

    [Fact]
    public async Task Authorize_SameScopesApprovedBefore_SkipsConsentPage()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        await ApproveAsync(flow, Scope);

        using var second = await AuthorizeAsync(flow, Scope);

        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        AppQuery(second).Should().ContainKey("code", "the approval was remembered");
    }

    [Fact]
    public async Task Authorize_FewerScopesThanApproved_SkipsConsentPage()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        await ApproveAsync(flow, MoreScope);

        using var second = await AuthorizeAsync(flow, Scope);

        AppQuery(second).Should().ContainKey("code");
    }

    [Fact]
    public async Task Authorize_MoreScopesThanApproved_ShowsConsentWithNewScopeMarked()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        await ApproveAsync(flow, Scope);

        using var second = await AuthorizeAsync(flow, MoreScope);

        second.Headers.Location!.OriginalString.Should().StartWith("/smart/consent");
        var page = await flow.Browser.GetStringAsync(second.Headers.Location);
        page.Split("data-testid=\"scope-new\"").Length.Should().Be(2, "exactly one scope is new");
        var marked = page[..page.IndexOf("data-testid=\"scope-new\"", StringComparison.Ordinal)];
        marked[marked.LastIndexOf("<code>", StringComparison.Ordinal)..].Should().Contain("patient/Patient.rs");
    }

    [Fact]
    public async Task Authorize_ScopeUntickedBefore_ShowsConsentAgain()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        await ApproveAsync(flow, MoreScope, approve: ["launch", "openid", "fhirUser", "patient/Observation.rs"]);

        using var second = await AuthorizeAsync(flow, MoreScope);

        second.Headers.Location!.OriginalString.Should().StartWith("/smart/consent", "patient/Patient.rs was unticked, so it was never approved");
    }

    [Fact]
    public async Task Authorize_PromptConsent_ShowsConsentPageEvenWhenRemembered()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        await ApproveAsync(flow, Scope);

        using var second = await AuthorizeAsync(flow, Scope, prompt: "consent");

        second.Headers.Location!.OriginalString.Should().StartWith("/smart/consent");
    }

    [Fact]
    public async Task Authorize_RememberedConsentExpired_ShowsConsentPage()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        await ApproveAsync(flow, Scope);
        factory.Clock.Advance(TimeSpan.FromDays(30));
        await flow.LoginAsync(); // the sign-in cookie has expired too

        using var second = await AuthorizeAsync(flow, Scope);

        second.Headers.Location!.OriginalString.Should().StartWith("/smart/consent", "SmartLifetimeOptions.RememberedConsent is 30 days");
    }

    [Fact]
    public async Task Authorize_OtherUser_DoesNotShareRememberedConsent()
    {
        using var factory = new ConsentSampleEhrFactory();
        using (var clinician = new SmartFlowClient(factory))
        {
            await clinician.LoginAsync();
            await ApproveAsync(clinician, Scope);
        }

        using var patient = new SmartFlowClient(factory);
        await patient.LoginAsync("patient", "patient");
        using var response = await patient.AuthorizeAsync(patient.AuthorizeParameters("openid fhirUser patient/Observation.rs"));

        response.Headers.Location!.OriginalString.Should().StartWith("/smart/consent");
    }

    [Fact]
    public async Task RevokeOnConnectedApps_AppsTokensStopAndConsentIsForgotten()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var tokens = await ApproveAsync(flow, Scope + " offline_access");
        (await FhirStatusAsync(flow, tokens["access_token"]!)).Should().Be(HttpStatusCode.OK);

        var apps = await flow.Browser.GetStringAsync(new Uri("/account/apps", UriKind.Relative));
        apps.Should().Contain("data-testid=\"revoke-growth-chart\"").And.Contain("Growth Chart").And.Contain("offline access");
        using var revoked = await PostFormAsync(flow, "/account/apps?handler=Revoke", apps, "revoke-growth-chart");
        revoked.StatusCode.Should().Be(HttpStatusCode.Redirect);

        // The access token is denied at once (RFC 6750 invalid_token), the refresh token no longer works ...
        using (var fhir = await FhirAsync(flow, tokens["access_token"]!))
        {
            fhir.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            fhir.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
        }

        var refreshed = await flow.RefreshAsync(tokens["refresh_token"]!);
        refreshed.Status.Should().Be(HttpStatusCode.BadRequest);
        refreshed.Error.Should().Be("invalid_grant");

        // ... the app is gone from the page, and the next authorization asks again.
        (await flow.Browser.GetStringAsync(new Uri("/account/apps", UriKind.Relative))).Should().NotContain("revoke-growth-chart");
        using var again = await AuthorizeAsync(flow, Scope);
        again.Headers.Location!.OriginalString.Should().StartWith("/smart/consent");
    }

    [Fact]
    public async Task ConnectedApps_PatientUser_SeesOnlyOwnApps()
    {
        using var factory = new ConsentSampleEhrFactory();
        using (var clinician = new SmartFlowClient(factory))
        {
            await clinician.LoginAsync();
            await ApproveAsync(clinician, Scope);
        }

        using var patient = new SmartFlowClient(factory);
        await patient.LoginAsync("patient", "patient");
        var page = await patient.Browser.GetStringAsync(new Uri("/account/apps", UriKind.Relative));

        page.Should().Contain("data-testid=\"no-connected-apps\"").And.NotContain("revoke-growth-chart");
    }

    [Fact]
    public async Task AdminView_ClinicianRevokesEveryGrantOfTheApp_TokensStop()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var tokens = await ApproveAsync(flow, Scope);

        var admin = await flow.Browser.GetStringAsync(new Uri("/ehr/apps", UriKind.Relative));
        admin.Should().Contain("data-testid=\"app-grant-growth-chart-clinician\"");
        using var revoked = await PostFormAsync(flow, "/ehr/apps?handler=RevokeClient", admin, "revoke-all-growth-chart");
        revoked.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var fhir = await FhirAsync(flow, tokens["access_token"]!);
        fhir.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        fhir.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
    }

    [Fact]
    public async Task AdminView_PatientUser_IsForbidden()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var patient = new SmartFlowClient(factory);
        await patient.LoginAsync("patient", "patient");

        using var response = await patient.Browser.GetAsync(new Uri("/ehr/apps", UriKind.Relative));

        // The cookie scheme answers Forbid with its access-denied page.
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/account/denied");
    }

    internal static async Task<HttpResponseMessage> AuthorizeAsync(SmartFlowClient flow, string scope, string? prompt = null, string? maxAge = null)
    {
        var launch = await flow.StartEhrLaunchAsync();
        var parameters = flow.AuthorizeParameters(scope, launch);
        if (prompt is not null)
        {
            parameters["prompt"] = prompt;
        }

        if (maxAge is not null)
        {
            parameters["max_age"] = maxAge;
        }

        return await flow.AuthorizeAsync(parameters);
    }

    internal static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> AppQuery(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        location.AbsoluteUri.Should().StartWith(SmartFlowClient.GrowthChartRedirect);
        return QueryHelpers.ParseQuery(location.Query);
    }

    /// <summary>An EHR launch through the consent page (approving <paramref name="approve"/> or everything shown), then the code exchange.</summary>
    private static async Task<TokenResult> ApproveAsync(SmartFlowClient flow, string scope, IReadOnlyList<string>? approve = null)
    {
        using var first = await AuthorizeAsync(flow, scope);
        first.Headers.Location!.OriginalString.Should().StartWith("/smart/consent", "nothing was approved before");
        var redirect = await flow.FollowToAppAsync(first, approve: approve);
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        var tokens = await flow.ExchangeCodeAsync(code);
        tokens.Status.Should().Be(HttpStatusCode.OK);
        return tokens;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(SmartFlowClient flow, string action, string page, string buttonTestId)
    {
        using var content = new FormUrlEncodedContent(HtmlForm.HiddenInputs(page, buttonTestId));
        return await flow.Browser.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    private static async Task<HttpResponseMessage> FhirAsync(SmartFlowClient flow, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/fhir/Observation?patient=peds-001", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await flow.App.SendAsync(request);
    }

    private static async Task<HttpStatusCode> FhirStatusAsync(SmartFlowClient flow, string accessToken)
    {
        using var response = await FhirAsync(flow, accessToken);
        return response.StatusCode;
    }
}
