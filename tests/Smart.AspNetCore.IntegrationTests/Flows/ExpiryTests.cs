using System.Net;
using Smart.AspNetCore.IntegrationTests.Infrastructure;
using Smart.AspNetCore.Testing;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// Lifetimes, one second before and at each expiry (AUTHZ-10, SEC-5, REFRESH-8, TOKEN-9), written with the public test
/// kit: its fake clock, flow driver and assertions.
/// </summary>
public class ExpiryTests(KitFakeClockSampleEhrFactory factory) : IClassFixture<KitFakeClockSampleEhrFactory>
{
    private const string Scope = "launch/patient openid patient/Patient.rs offline_access";

    [Theory] // AUTHZ-10: codes live 60 seconds.
    [InlineData(59, HttpStatusCode.OK)]
    [InlineData(60, HttpStatusCode.BadRequest)]
    public async Task Code_AtLifetimeBoundary_ExpiresAt60Seconds(int seconds, HttpStatusCode expected)
    {
        using var flow = factory.GrowthChart();
        await flow.LoginAsync("patient", "patient");
        var authorization = await flow.AuthorizeAsync(Scope);

        factory.Clock.Advance(TimeSpan.FromSeconds(seconds));
        var token = await flow.ExchangeCodeAsync(authorization);

        if (expected == HttpStatusCode.OK)
        {
            token.EnsureSuccess();
        }
        else
        {
            token.AssertError("invalid_grant", expected);
        }
    }

    [Theory] // SEC-5: launch handles live 5 minutes.
    [InlineData(299, false)]
    [InlineData(300, true)]
    public async Task Launch_AtLifetimeBoundary_ExpiresAtFiveMinutes(int seconds, bool expired)
    {
        using var flow = factory.GrowthChart();
        await flow.LoginAsync("clinician", "clinician");
        var launch = await flow.StartEhrLaunchAsync("/ehr/launch?client_id=growth-chart&patient=peds-001");

        factory.Clock.Advance(TimeSpan.FromSeconds(seconds));
        var authorization = await flow.AuthorizeAsync("launch openid patient/Patient.rs", launch.Launch);

        if (expired)
        {
            authorization.AssertError("invalid_request");
        }
        else
        {
            authorization.EnsureCode();
        }
    }

    [Fact] // TOKEN-9: the access token's exp is expires_in after issue.
    public async Task AccessToken_Expiry_MatchesExpiresIn()
    {
        using var flow = factory.GrowthChart();
        await flow.LoginAsync("patient", "patient");
        var issuedAt = factory.Clock.GetUtcNow().ToUnixTimeSeconds();

        var token = await flow.StandaloneLaunchAsync(Scope);

        var claims = Jwt.Payload(token.AccessToken!);
        claims.GetProperty("iat").GetInt64().Should().Be(issuedAt);
        claims.GetProperty("exp").GetInt64().Should().Be(issuedAt + token.Json.GetProperty("expires_in").GetInt64());
    }

    [Theory] // TOKEN-9, RS-1: after expires_in (plus the documented 30 s clock skew) the FHIR API refuses the token.
    [InlineData(-1, HttpStatusCode.OK)]
    [InlineData(31, HttpStatusCode.Unauthorized)]
    public async Task AccessToken_AtExpiry_IsRefusedByTheFhirApi(int secondsAfterExpiry, HttpStatusCode expected)
    {
        using var flow = factory.GrowthChart();
        await flow.LoginAsync("patient", "patient");
        var token = await flow.StandaloneLaunchAsync(Scope);

        factory.Clock.Advance(TimeSpan.FromSeconds(token.Json.GetProperty("expires_in").GetInt32() + secondsAfterExpiry));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/fhir/Patient/peds-001", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        using var response = await flow.App.SendAsync(request);

        if (expected == HttpStatusCode.OK)
        {
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }
        else
        {
            response.AssertBearerChallenge(expected, "invalid_token").Should().Contain("expired");
        }
    }

    [Fact] // TOKEN-9, RS-1: a token minted by the kit expires on the same clock as one from the token endpoint.
    public async Task MintedToken_PastExpiry_IsRefusedByTheFhirApi()
    {
        var token = await factory.CreateAccessTokenAsync(new SmartTestTokenRequest { Scope = "patient/Patient.rs", Patient = "peds-001", ClientId = SmartFlowClient.GrowthChart });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await (await client.GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative))).AssertStatusAsync(HttpStatusCode.OK);

        factory.Clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(Jwt.Payload(token).GetProperty("exp").GetInt64() + 31));
        using var response = await client.GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative));

        response.AssertBearerChallenge(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Theory] // REFRESH-8, REFRESH-9: offline refresh tokens live 90 days.
    [InlineData(-1, HttpStatusCode.OK)]
    [InlineData(0, HttpStatusCode.BadRequest)]
    public async Task RefreshToken_AtLifetimeBoundary_ExpiresAfter90Days(int secondsFromExpiry, HttpStatusCode expected)
    {
        using var flow = factory.GrowthChart();
        await flow.LoginAsync("patient", "patient");
        var token = await flow.StandaloneLaunchAsync(Scope);

        factory.Clock.Advance(TimeSpan.FromDays(90) + TimeSpan.FromSeconds(secondsFromExpiry));
        var refreshed = await flow.RefreshAsync(token.RefreshToken!);

        if (expected == HttpStatusCode.OK)
        {
            refreshed.EnsureSuccess();
        }
        else
        {
            refreshed.AssertError("invalid_grant", expected);
        }
    }
}
