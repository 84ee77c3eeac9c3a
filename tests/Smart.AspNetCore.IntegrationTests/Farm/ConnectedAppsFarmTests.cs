using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>
/// SAMPLE-CONTRACT "Connected apps" with two instances sharing one Redis behind a round-robin balancer: an app
/// revoked on <c>/account/apps</c> (on one instance) stops working at once on both.
/// </summary>
public class ConnectedAppsFarmTests(FarmFixture farm) : IClassFixture<FarmFixture>
{
    private const string Scope = "launch openid fhirUser patient/Patient.rs offline_access";

    [Fact]
    public async Task RevokeOnConnectedApps_TokensStopOnBothInstances()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync("peds-001");
        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(flow.AuthorizeParameters(Scope, launch)));
        var token = await flow.ExchangeCodeAsync(QueryHelpers.ParseQuery(redirect.Query)["code"]!);
        token.Status.Should().Be(HttpStatusCode.OK);

        using var reader = new HttpClient { BaseAddress = new Uri(farm.BalancerUrl) };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["access_token"]);
        (await ReadOnBothInstancesAsync(reader)).Should().OnlyContain(status => status == HttpStatusCode.OK);

        var page = await flow.Browser.GetStringAsync(new Uri("/account/apps", UriKind.Relative));
        page.Should().Contain("data-testid=\"revoke-growth-chart\"");
        using (var content = new FormUrlEncodedContent(HtmlForm.HiddenInputs(page, "revoke-growth-chart")))
        using (var revoked = await flow.Browser.PostAsync(new Uri("/account/apps?handler=Revoke", UriKind.Relative), content))
        {
            revoked.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        (await ReadOnBothInstancesAsync(reader)).Should().OnlyContain(status => status == HttpStatusCode.Unauthorized);
        var refreshed = await flow.RefreshAsync(token["refresh_token"]!);
        refreshed.Status.Should().Be(HttpStatusCode.BadRequest);
        refreshed.Error.Should().Be("invalid_grant");
        for (var i = 0; i < 2; i++)
        {
            (await flow.Browser.GetStringAsync(new Uri("/account/apps", UriKind.Relative))).Should().NotContain("revoke-growth-chart", "the consent store is shared");
        }
    }

    private static async Task<List<HttpStatusCode>> ReadOnBothInstancesAsync(HttpClient reader)
    {
        var statuses = new List<HttpStatusCode>();
        var instances = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            using var read = await reader.GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative));
            statuses.Add(read.StatusCode);
            instances.Add(read.Headers.GetValues("X-Instance").Single());
            if (read.StatusCode == HttpStatusCode.Unauthorized)
            {
                read.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
            }
        }

        instances.Should().BeEquivalentTo(["A", "B"]);
        return statuses;
    }
}
