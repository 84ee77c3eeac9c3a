using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>
/// Several instances, one EHR (issue 9): two sample instances sharing one Redis behind a round-robin balancer, so
/// consecutive requests of a flow reach alternate instances; the single-use races hold across instances.
/// </summary>
public class TwoInstanceTests(FarmFixture farm) : IClassFixture<FarmFixture>
{
    private const string LaunchScope = "launch openid fhirUser patient/Patient.rs patient/Observation.rs offline_access";
    private const string PatientScope = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access";

    [Fact]
    public async Task Balancer_ConsecutiveRequests_ReachBothInstancesInTurn()
    {
        using var flow = farm.NewFlow();
        var instances = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await flow.App.GetAsync(new Uri("/fhir/.well-known/smart-configuration", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            instances.Add(response.Headers.GetValues("X-Instance").Single());
        }

        instances.Distinct().Should().BeEquivalentTo(["A", "B"]);
        instances.Zip(instances.Skip(1)).Should().OnlyContain(pair => pair.First != pair.Second, "round robin alternates");
    }

    [Fact] // AUTHZ-8, TOKEN-3, REFRESH-7, REVOKE-2, RS-4 across instances
    public async Task EhrLaunch_EveryStepOnAnotherInstance_LaunchConsentTokenRefreshReadRevoke()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync("peds-001");
        var parameters = flow.AuthorizeParameters(LaunchScope, launch);

        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(parameters));
        var query = QueryHelpers.ParseQuery(redirect.Query);
        query["state"].ToString().Should().Be(parameters["state"]);
        var token = await flow.ExchangeCodeAsync(query["code"]!);
        token.Status.Should().Be(HttpStatusCode.OK);
        token["patient"].Should().Be("peds-001");

        var refreshed = await flow.RefreshAsync(token["refresh_token"]!);
        refreshed.Status.Should().Be(HttpStatusCode.OK);

        // The access token works on both instances, then a revocation on one is seen by both.
        using var reader = new HttpClient { BaseAddress = new Uri(farm.BalancerUrl) };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed["access_token"]);
        var seen = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            using var read = await reader.GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative));
            read.StatusCode.Should().Be(HttpStatusCode.OK);
            seen.Add(read.Headers.GetValues("X-Instance").Single());
        }

        seen.Should().BeEquivalentTo(["A", "B"]);
        using (var revoke = await Flows.RevocationTests.RevokeAsync(flow.App, new Dictionary<string, string>
        {
            ["token"] = refreshed["access_token"]!,
            ["client_id"] = SmartFlowClient.GrowthChart,
        }))
        {
            revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        for (var i = 0; i < 2; i++)
        {
            using var read = await reader.GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative));
            read.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            read.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
        }

        // REFRESH-7: the rotated-away token presented again (reaching the other instance) is refused and ends the family.
        var reused = await flow.RefreshAsync(token["refresh_token"]!);
        reused.Status.Should().Be(HttpStatusCode.BadRequest);
        reused.Error.Should().Be("invalid_grant");
        var afterReuse = await flow.RefreshAsync(refreshed["refresh_token"]!);
        afterReuse.Status.Should().Be(HttpStatusCode.BadRequest);
        afterReuse.Error.Should().Be("invalid_grant");
    }

    [Fact] // AUTHZ-10, TOKEN-3: one code, 50 concurrent redemptions spread over both instances, exactly one success.
    public async Task Code_FiftyConcurrentRedemptionsAcrossInstances_ExactlyOneSucceeds()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync("patient", "patient");
        var code = await flow.AuthorizeCodeAsync(PatientScope);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => flow.ExchangeCodeAsync(code))));

        results.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
        results.Where(r => r.Status != HttpStatusCode.OK).Should().HaveCount(49)
            .And.OnlyContain(r => r.Status == HttpStatusCode.BadRequest && r.Error == "invalid_grant");
    }

    [Fact] // REFRESH-7: one refresh token, 50 concurrent refreshes across instances, at most one success, never a 5xx.
    public async Task Refresh_FiftyConcurrentRefreshesAcrossInstances_AtMostOneSucceeds()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(PatientScope));

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => flow.RefreshAsync(token["refresh_token"]!))));

        results.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
        results.Where(r => r.Status != HttpStatusCode.OK).Should().OnlyContain(r => r.Status == HttpStatusCode.BadRequest && r.Error == "invalid_grant");
    }

    [Fact] // CLIENT-5: a client assertion accepted by one instance is a replay on the other.
    public async Task ClientAssertion_ReplayedOnTheOtherInstance_IsInvalidClient()
    {
        using var flow = farm.NewFlow();
        var assertion = ClientAssertions.Create("backend-service");

        var first = await flow.TokenAsync(ClientAssertions.BackendTokenForm(assertion));
        var replay = await flow.TokenAsync(ClientAssertions.BackendTokenForm(assertion));

        first.Status.Should().Be(HttpStatusCode.OK);
        replay.Status.Should().Be(HttpStatusCode.BadRequest);
        replay.Error.Should().Be("invalid_client");
    }

    [Fact] // Standalone launch with the patient picker: picker and consent answered by different instances.
    public async Task StandaloneLaunch_ClinicianPicksPatientAcrossInstances_GetsPatientContext()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync();

        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(flow.AuthorizeParameters(PatientScope)), pickPatient: "adult-002");
        var token = await flow.ExchangeCodeAsync(QueryHelpers.ParseQuery(redirect.Query)["code"]!);

        token.Status.Should().Be(HttpStatusCode.OK);
        token["patient"].Should().Be("adult-002");
    }
}
