using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;
using Smart.AspNetCore.Testing;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>A sample EHR on its own redis-server, which these tests stop and pause.</summary>
public sealed class RedisOutageFixture : IDisposable
{
    public RedisOutageFixture()
    {
        Server = new RedisServer();
        Ehr = new RedisSampleEhrFactory(Server.Configuration);
    }

    public RedisServer Server { get; }

    public RedisSampleEhrFactory Ehr { get; }

    public void Dispose()
    {
        Ehr.Dispose();
        Server.Dispose();
    }
}

/// <summary>
/// Redis failing is not a 500 (issue 9): unreachable or hung, every request that needs shared state answers 503 with
/// Retry-After within 10 s; a 503 while Redis is unreachable consumes nothing; flows work again when it is back.
/// </summary>
public class RedisOutageTests(RedisOutageFixture fixture) : IClassFixture<RedisOutageFixture>
{
    private const string Scope = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access";
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(10);

    private async Task<SmartFlowClient> SignedInAsync()
    {
        fixture.Server.Start();
        await fixture.Ehr.WaitUntilConnectedAsync();
        var flow = new SmartFlowClient(fixture.Ehr);
        await flow.LoginAsync("patient", "patient");
        return flow;
    }

    [Fact]
    public async Task Token_RedisUnreachable_Answers503TemporarilyUnavailable_AndTheCodeStillWorksAfterwards()
    {
        using var flow = await SignedInAsync();
        var code = await flow.AuthorizeCodeAsync(Scope);
        fixture.Server.Stop(keepData: true);
        try
        {
            var watch = Stopwatch.StartNew();
            var refused = await flow.ExchangeCodeAsync(code);
            watch.Stop();

            refused.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
            refused.Error.Should().Be("temporarily_unavailable");
            refused.Headers.RetryAfter.Should().NotBeNull();
            refused.Headers.CacheControl!.NoStore.Should().BeTrue();
            refused["access_token"].Should().BeNull();
            watch.Elapsed.Should().BeLessThan(s_bound);
        }
        finally
        {
            fixture.Server.Start();
        }

        await fixture.Ehr.WaitUntilConnectedAsync();
        var token = await flow.ExchangeCodeAsync(code);
        token.Status.Should().Be(HttpStatusCode.OK, "a 503 while Redis was unreachable must not have consumed the code");
        token["access_token"].Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Authorize_RedisUnreachable_Answers503Page_WithoutRedirect()
    {
        using var flow = await SignedInAsync();
        fixture.Server.Stop(keepData: true);
        try
        {
            using var response = await flow.AuthorizeAsync(flow.AuthorizeParameters(Scope));

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            response.Headers.Location.Should().BeNull();
            response.Headers.RetryAfter.Should().NotBeNull();
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
            (await response.Content.ReadAsStringAsync()).Should().Contain("temporarily_unavailable");
        }
        finally
        {
            fixture.Server.Start();
        }

        await fixture.Ehr.WaitUntilConnectedAsync();
        (await flow.AuthorizeCodeAsync(Scope)).Should().NotBeNullOrEmpty("flows work again once Redis is back");
    }

    [Fact]
    public async Task FhirRead_RedisHung_Answers503OperationOutcomeWithinTenSeconds_ThenRecovers()
    {
        using var flow = await SignedInAsync();
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope));
        token.Status.Should().Be(HttpStatusCode.OK);
        using var client = fixture.Ehr.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["access_token"]);

        fixture.Server.Pause();
        try
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative));
            watch.Stop();

            response.Headers.RetryAfter.Should().NotBeNull();
            var outcome = await response.AssertOperationOutcomeAsync(HttpStatusCode.ServiceUnavailable, "transient");
            outcome.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("transient");
            watch.Elapsed.Should().BeLessThan(s_bound);
        }
        finally
        {
            fixture.Server.Resume();
        }

        await fixture.Ehr.WaitUntilConnectedAsync();
        using var again = await client.GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_RedisHung_Answers503_AndTheTokenIsNeverHonouredTwice()
    {
        using var flow = await SignedInAsync();
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope));
        var refreshToken = token["refresh_token"]!;

        fixture.Server.Pause();
        TokenResult refused;
        try
        {
            refused = await flow.RefreshAsync(refreshToken);
        }
        finally
        {
            fixture.Server.Resume();
        }

        refused.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Error.Should().Be("temporarily_unavailable");
        refused["access_token"].Should().BeNull();

        await fixture.Ehr.WaitUntilConnectedAsync();

        // A hung Redis may have run the redemption after the 503 (the app starts again), but never twice.
        var first = await flow.RefreshAsync(refreshToken);
        var second = await flow.RefreshAsync(refreshToken);
        new[] { first, second }.Count(r => r.Status == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(1);
        new[] { first, second }.Should().OnlyContain(r => r.Status == HttpStatusCode.OK || (r.Status == HttpStatusCode.BadRequest && r.Error == "invalid_grant"));
    }

    [Fact]
    public async Task RevocationAndIntrospection_RedisUnreachable_Answer503TemporarilyUnavailable()
    {
        using var flow = await SignedInAsync();
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope));
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("confidential-app:confidential-secret")));
        fixture.Server.Stop(keepData: true);
        try
        {
            using var revoked = await Flows.RevocationTests.RevokeAsync(flow.App, new Dictionary<string, string>
            {
                ["token"] = token["refresh_token"]!,
                ["client_id"] = SmartFlowClient.GrowthChart,
            });
            revoked.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            revoked.Headers.RetryAfter.Should().NotBeNull();
            using (var json = JsonDocument.Parse(await revoked.Content.ReadAsStringAsync()))
            {
                json.RootElement.GetProperty("error").GetString().Should().Be("temporarily_unavailable");
            }

            var introspected = await Flows.IntrospectionTests.IntrospectAsync(flow.App, new Dictionary<string, string> { ["token"] = token["access_token"]! }, basic);
            introspected.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
            introspected.Json.GetProperty("error").GetString().Should().Be("temporarily_unavailable");
            introspected.Response.Headers.RetryAfter.Should().NotBeNull();
            introspected.Response.Dispose();
        }
        finally
        {
            fixture.Server.Start();
        }

        await fixture.Ehr.WaitUntilConnectedAsync();
        var refreshed = await flow.RefreshAsync(token["refresh_token"]!);
        refreshed.Status.Should().Be(HttpStatusCode.OK, "the revocation answered 503 must not have revoked anything");
    }

    [Fact]
    public async Task ConsentPage_RedisUnreachable_Answers503Page()
    {
        using var flow = await SignedInAsync();
        using var authorize = await flow.AuthorizeAsync(flow.AuthorizeParameters(Scope));
        authorize.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var consent = authorize.Headers.Location!;
        var local = consent.IsAbsoluteUri ? consent.PathAndQuery : consent.OriginalString;
        local.Should().StartWith("/smart/consent");
        fixture.Server.Stop(keepData: true);
        try
        {
            using var page = await flow.Browser.GetAsync(new Uri(local, UriKind.Relative));

            page.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            page.Headers.RetryAfter.Should().NotBeNull();
            page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        }
        finally
        {
            fixture.Server.Start();
        }

        await fixture.Ehr.WaitUntilConnectedAsync();
        using var again = await flow.Browser.GetAsync(new Uri(local, UriKind.Relative));
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the request in progress survived the outage");
    }

    [Fact]
    public async Task Flows_RedisCameBackEmpty_AnswerInvalidGrantNot5xx()
    {
        using var flow = await SignedInAsync();
        var code = await flow.AuthorizeCodeAsync(Scope);

        fixture.Server.Stop(keepData: false);
        fixture.Server.Start();
        await fixture.Ehr.WaitUntilConnectedAsync();

        var token = await flow.ExchangeCodeAsync(code);
        token.Status.Should().Be(HttpStatusCode.BadRequest);
        token.Error.Should().Be("invalid_grant");
    }
}
