using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// OpenID Connect Core §3.1.2.1 <c>prompt</c> and <c>max_age</c> (SAMPLE-CONTRACT "Connected apps"): <c>prompt=none</c>
/// never shows a page and answers <c>login_required</c>, <c>consent_required</c> or <c>interaction_required</c>;
/// <c>prompt=login</c> and <c>max_age</c> make the host sign the user in again and <c>auth_time</c> reaches the id_token.
/// </summary>
public sealed class PromptTests
{
    private const string Scope = "launch openid fhirUser patient/Observation.rs";

    [Fact]
    public async Task PromptNone_NoUserSignedIn_LoginRequired()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        var parameters = flow.AuthorizeParameters("openid fhirUser patient/Observation.rs");
        parameters["prompt"] = "none";

        using var response = await flow.AuthorizeAsync(parameters);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var query = ConsentMemoryTests.AppQuery(response);
        query["error"].ToString().Should().Be("login_required");
        query["state"].ToString().Should().Be(parameters["state"]);
    }

    [Fact]
    public async Task PromptNone_ConsentNeeded_ConsentRequired()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();

        using var response = await ConsentMemoryTests.AuthorizeAsync(flow, Scope, prompt: "none");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsentMemoryTests.AppQuery(response)["error"].ToString().Should().Be("consent_required");
    }

    [Fact]
    public async Task PromptNone_PatientPickerNeeded_InteractionRequired()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters("launch/patient openid fhirUser patient/Observation.rs");
        parameters["prompt"] = "none";

        using var response = await flow.AuthorizeAsync(parameters);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsentMemoryTests.AppQuery(response)["error"].ToString().Should().Be("interaction_required");
    }

    [Fact]
    public async Task PromptNone_ConsentRemembered_IssuesCodeWithoutAPage()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        using (var first = await ConsentMemoryTests.AuthorizeAsync(flow, Scope))
        {
            await flow.FollowToAppAsync(first);
        }

        using var silent = await ConsentMemoryTests.AuthorizeAsync(flow, Scope, prompt: "none");

        silent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsentMemoryTests.AppQuery(silent).Should().ContainKey("code");
    }

    [Theory]
    [InlineData("none login")]
    [InlineData("consent none")]
    public async Task PromptNone_CombinedWithOtherValues_InvalidRequest(string prompt)
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();

        using var response = await ConsentMemoryTests.AuthorizeAsync(flow, Scope, prompt: prompt);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsentMemoryTests.AppQuery(response)["error"].ToString().Should().Be("invalid_request");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("1.5")]
    public async Task MaxAge_Malformed_InvalidRequest(string maxAge)
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();

        using var response = await ConsentMemoryTests.AuthorizeAsync(flow, Scope, maxAge: maxAge);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsentMemoryTests.AppQuery(response)["error"].ToString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task PromptLogin_SignedIn_AsksToSignInAgainThenIdTokenHasNewAuthTime()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));

        using var response = await ConsentMemoryTests.AuthorizeAsync(flow, Scope, prompt: "login");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var login = response.Headers.Location!;
        login.AbsolutePath.Should().Be("/account/login", "the library challenged the host's scheme");
        var resume = QueryHelpers.ParseQuery(login.Query)["ReturnUrl"].ToString();
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var signInAt = factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        await flow.LoginAsync();

        var redirect = await flow.FollowToAppAsync(await flow.Browser.GetAsync(new Uri(resume, UriKind.Relative)));
        var tokens = await flow.ExchangeCodeAsync(QueryHelpers.ParseQuery(redirect.Query)["code"].ToString());
        tokens.Status.Should().Be(HttpStatusCode.OK);
        AuthTime(tokens["id_token"]!).Should().BeGreaterThanOrEqualTo(signInAt);
    }

    [Fact]
    public async Task PromptLogin_HostDoesNotSignInAgain_LoginRequired()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        using var response = await ConsentMemoryTests.AuthorizeAsync(flow, Scope, prompt: "login");
        var resume = QueryHelpers.ParseQuery(response.Headers.Location!.Query)["ReturnUrl"].ToString();

        // The user comes back without signing in again.
        using var back = await flow.Browser.GetAsync(new Uri(resume, UriKind.Relative));

        back.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsentMemoryTests.AppQuery(back)["error"].ToString().Should().Be("login_required");
    }

    [Fact]
    public async Task MaxAge_SignInOlderThanMaxAge_AsksToSignInAgain()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        using var response = await ConsentMemoryTests.AuthorizeAsync(flow, Scope, maxAge: "60");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.Should().Be("/account/login");
    }

    [Fact]
    public async Task MaxAge_RecentSignIn_ContinuesAndIdTokenHasAuthTime()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        var signInAt = factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        await flow.LoginAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(30));

        using var response = await ConsentMemoryTests.AuthorizeAsync(flow, Scope, maxAge: "60");

        response.Headers.Location!.OriginalString.Should().StartWith("/smart/consent");
        var redirect = await flow.FollowToAppAsync(response);
        var tokens = await flow.ExchangeCodeAsync(QueryHelpers.ParseQuery(redirect.Query)["code"].ToString());
        AuthTime(tokens["id_token"]!).Should().BeInRange(signInAt - 1, signInAt + 1);
    }

    [Fact]
    public async Task MaxAge_PromptNoneAndOldSignIn_LoginRequired()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(2));

        using var response = await ConsentMemoryTests.AuthorizeAsync(flow, Scope, prompt: "none", maxAge: "60");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsentMemoryTests.AppQuery(response)["error"].ToString().Should().Be("login_required");
    }

    [Fact]
    public async Task Discovery_OpenIdConfiguration_AdvertisesPromptValues()
    {
        using var factory = new ConsentSampleEhrFactory();
        using var client = factory.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/fhir/.well-known/openid-configuration", UriKind.Relative)));

        json.RootElement.GetProperty("prompt_values_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("none", "login", "consent");
    }

    private static long AuthTime(string idToken)
    {
        var payload = idToken.Split('.')[1];
        using var json = JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(payload));
        return json.RootElement.GetProperty("auth_time").GetInt64();
    }
}
