using System.Net;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Lifetimes, one second before and at each expiry (AUTHZ-10, SEC-5, REFRESH-8, TOKEN-9).</summary>
public class ExpiryTests(FakeClockSampleEhrFactory factory) : IClassFixture<FakeClockSampleEhrFactory>
{
    private const string Scope = "launch/patient openid patient/Patient.rs offline_access";

    [Theory] // AUTHZ-10: codes live 60 seconds.
    [InlineData(59, HttpStatusCode.OK)]
    [InlineData(60, HttpStatusCode.BadRequest)]
    public async Task Code_AtLifetimeBoundary_ExpiresAt60Seconds(int seconds, HttpStatusCode expected)
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var code = await flow.AuthorizeCodeAsync(Scope);

        factory.Clock.Advance(TimeSpan.FromSeconds(seconds));
        var token = await flow.ExchangeCodeAsync(code);

        token.Status.Should().Be(expected);
        if (expected != HttpStatusCode.OK)
        {
            token.Error.Should().Be("invalid_grant");
        }
    }

    [Theory] // SEC-5: launch handles live 5 minutes.
    [InlineData(299, false)]
    [InlineData(300, true)]
    public async Task Launch_AtLifetimeBoundary_ExpiresAtFiveMinutes(int seconds, bool expired)
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync();

        factory.Clock.Advance(TimeSpan.FromSeconds(seconds));
        var parameters = flow.AuthorizeParameters("launch openid patient/Patient.rs", launch);
        using var response = await flow.AuthorizeAsync(parameters);

        if (expired)
        {
            EhrLaunchTests.AssertRedirectError(response, "invalid_request", parameters["state"]);
        }
        else
        {
            response.Headers.Location!.OriginalString.Should().StartWith("/smart/consent");
        }
    }

    [Fact] // TOKEN-9: the access token's exp is expires_in after issue.
    public async Task AccessToken_Expiry_MatchesExpiresIn()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var issuedAt = factory.Clock.GetUtcNow().ToUnixTimeSeconds();

        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope));

        var claims = Jwt.Payload(token["access_token"]!);
        claims.GetProperty("iat").GetInt64().Should().Be(issuedAt);
        claims.GetProperty("exp").GetInt64().Should().Be(issuedAt + token.Json.GetProperty("expires_in").GetInt64());
    }

    [Theory] // TOKEN-9, RS-1: after expires_in (plus the documented 30 s clock skew) the FHIR API refuses the token.
    [InlineData(-1, HttpStatusCode.OK)]
    [InlineData(31, HttpStatusCode.Unauthorized)]
    public async Task AccessToken_AtExpiry_IsRefusedByTheFhirApi(int secondsAfterExpiry, HttpStatusCode expected)
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope));

        factory.Clock.Advance(TimeSpan.FromSeconds(token.Json.GetProperty("expires_in").GetInt32() + secondsAfterExpiry));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/fhir/Patient/peds-001", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token["access_token"]);
        using var response = await flow.App.SendAsync(request);

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.Unauthorized)
        {
            response.Headers.WwwAuthenticate.Single().ToString().Should().Contain("error=\"invalid_token\"").And.Contain("expired");
        }
    }

    [Theory] // REFRESH-8, REFRESH-9: offline refresh tokens live 90 days.
    [InlineData(-1, HttpStatusCode.OK)]
    [InlineData(0, HttpStatusCode.BadRequest)]
    public async Task RefreshToken_AtLifetimeBoundary_ExpiresAfter90Days(int secondsFromExpiry, HttpStatusCode expected)
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope));

        factory.Clock.Advance(TimeSpan.FromDays(90) + TimeSpan.FromSeconds(secondsFromExpiry));
        var refreshed = await flow.RefreshAsync(token["refresh_token"]!);

        refreshed.Status.Should().Be(expected);
    }
}
