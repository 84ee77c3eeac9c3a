using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Flows;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>
/// Issue 9 "Done means" across two sample instances sharing one Redis behind a round-robin balancer: the client kinds
/// (confidential, asymmetric, backend services), patient standalone, introspection, and the FHIR data written through
/// the API (SAMPLE-CONTRACT "Several instances, one EHR"), with consecutive requests reaching alternate instances.
/// </summary>
public class FarmFlowTests(FarmFixture farm) : IClassFixture<FarmFixture>
{
    private const string PatientScope = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access";
    private const string WriteScope = "launch patient/Patient.rs patient/Observation.rs patient/Observation.cu";
    private const string ConfidentialRedirect = SampleEhrFactory.Origin + "/apps/confidential/callback";

    [Fact] // RS-6, SAMPLE-CONTRACT "Several instances, one EHR": FHIR data written on one instance is the other's too.
    public async Task Observation_WrittenOnOneInstance_IsReadSearchedUpdatedAndChartedOnTheOther()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync();
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(WriteScope, await flow.StartEhrLaunchAsync("peds-001")));
        token.Status.Should().Be(HttpStatusCode.OK);
        using var api = Bearer(token["access_token"]!);

        using var created = await SendAsync(api, HttpMethod.Post, "/fhir/Observation", ObservationWriteTests.Observation("8302-2", 111.37m, "cm"));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var writer = Instance(created);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        // Read and search, each on both instances.
        var readers = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            using var read = await api.GetAsync(new Uri("/fhir/Observation/" + id, UriKind.Relative));
            read.StatusCode.Should().Be(HttpStatusCode.OK);
            readers.Add(Instance(read));
            using var json = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
            json.RootElement.GetProperty("valueQuantity").GetProperty("value").GetDecimal().Should().Be(111.37m);
            json.RootElement.GetProperty("meta").GetProperty("versionId").GetString().Should().Be("1");

            using var search = await api.GetAsync(new Uri("/fhir/Observation?patient=peds-001&code=8302-2&_count=1000", UriKind.Relative));
            search.StatusCode.Should().Be(HttpStatusCode.OK);
            readers.Add(Instance(search));
            (await search.Content.ReadAsStringAsync()).Should().Contain(id);
        }

        readers.Should().BeEquivalentTo(["A", "B"]);

        // An update on one instance (the version goes up once), read back on both.
        var update = ObservationWriteTests.Observation("8302-2", 111.5m, "cm").Replace("{\"resourceType\":\"Observation\",", $"{{\"resourceType\":\"Observation\",\"id\":\"{id}\",", StringComparison.Ordinal);
        using (var updated = await SendAsync(api, HttpMethod.Put, "/fhir/Observation/" + id, update))
        {
            updated.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        for (var i = 0; i < 2; i++)
        {
            using var read = await api.GetAsync(new Uri("/fhir/Observation/" + id, UriKind.Relative));
            using var json = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
            json.RootElement.GetProperty("meta").GetProperty("versionId").GetString().Should().Be("2");
            json.RootElement.GetProperty("valueQuantity").GetProperty("value").GetDecimal().Should().Be(111.5m);
        }

        // The EHR's chart page shows the measurement on both instances.
        var charts = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            using var chart = await flow.Browser.GetAsync(new Uri("/ehr/patients/peds-001", UriKind.Relative));
            chart.StatusCode.Should().Be(HttpStatusCode.OK);
            charts.Add(Instance(chart));
            (await chart.Content.ReadAsStringAsync()).Should().Contain("111.5");
        }

        charts.Should().BeEquivalentTo(["A", "B"]);
        writer.Should().BeOneOf("A", "B");
    }

    [Fact] // CLIENT-1, REFRESH-3: client_secret_basic code exchange and refresh, each step on another instance.
    public async Task ConfidentialClient_CodeAndRefresh_AcrossInstances()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync("patient", "patient");
        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(flow.AuthorizeParameters(PatientScope, clientId: "confidential-app", redirectUri: ConfidentialRedirect)));
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
        var basic = ClientAssertions.Basic("confidential-app", "confidential-secret");

        var token = await flow.TokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = ConfidentialRedirect, ["code_verifier"] = flow.Verifier },
            basic);
        var refreshed = await flow.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = token["refresh_token"]! }, basic);
        var again = await flow.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshed["refresh_token"]! }, basic);

        token.Status.Should().Be(HttpStatusCode.OK);
        token["patient"].Should().Be("peds-001");
        refreshed.Status.Should().Be(HttpStatusCode.OK);
        again.Status.Should().Be(HttpStatusCode.OK);
        new[] { token, refreshed, again }.Select(Instance).Distinct().Should().HaveCount(2);
        await ReadOnBothAsync(again["access_token"]!, "/fhir/Patient/peds-001");
    }

    [Fact] // CLIENT-3, CLIENT-4, CLIENT-5: private_key_jwt code flow and refresh across instances; a jti seen by one is a replay on the other.
    public async Task AsymmetricClient_CodeAndRefresh_AcrossInstances_JtiReplayRefusedByTheOther()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync("patient", "patient");
        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(flow.AuthorizeParameters(PatientScope, clientId: ClientAssertions.Asymmetric, redirectUri: ClientAssertions.AsymmetricRedirect)));
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();

        var token = await flow.TokenAsync(ClientAssertions.Form(
            ClientAssertions.Create(ClientAssertions.Asymmetric),
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", ClientAssertions.AsymmetricRedirect), ("code_verifier", flow.Verifier)));
        token.Status.Should().Be(HttpStatusCode.OK);
        token["patient"].Should().Be("peds-001");

        var assertion = ClientAssertions.Create(ClientAssertions.Asymmetric);
        var refreshed = await flow.TokenAsync(ClientAssertions.Form(assertion, ("grant_type", "refresh_token"), ("refresh_token", token["refresh_token"]!)));
        var replay = await flow.TokenAsync(ClientAssertions.Form(assertion, ("grant_type", "refresh_token"), ("refresh_token", refreshed["refresh_token"]!)));

        refreshed.Status.Should().Be(HttpStatusCode.OK);
        replay.Status.Should().Be(HttpStatusCode.BadRequest);
        replay.Error.Should().Be("invalid_client");
        Instance(replay).Should().NotBe(Instance(refreshed), "the replay reached the instance that had not seen the jti");

        // The refused replay spent nothing: the refresh token still works with a fresh assertion.
        var fresh = await flow.TokenAsync(ClientAssertions.Form(ClientAssertions.Create(ClientAssertions.Asymmetric), ("grant_type", "refresh_token"), ("refresh_token", refreshed["refresh_token"]!)));
        fresh.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact] // BACKEND-1, BACKEND-4: a backend services token issued by one instance reads on both.
    public async Task BackendServices_TokenFromOneInstance_ReadsOnBoth()
    {
        using var flow = farm.NewFlow();
        var first = await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend)));
        var second = await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend)));

        first.Status.Should().Be(HttpStatusCode.OK);
        second.Status.Should().Be(HttpStatusCode.OK);
        Instance(first).Should().NotBe(Instance(second));
        await ReadOnBothAsync(first["access_token"]!, "/fhir/Observation?patient=adult-002");
        await ReadOnBothAsync(second["access_token"]!, "/fhir/Patient/adult-003");
    }

    [Fact] // AUTHZ-8, TOKEN-3, REFRESH-3: a patient's standalone launch, every step on another instance.
    public async Task PatientStandalone_AcrossInstances_GetsOwnRecordAndRefreshes()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync("patient", "patient");

        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(PatientScope));
        var refreshed = await flow.RefreshAsync(token["refresh_token"]!);

        token.Status.Should().Be(HttpStatusCode.OK);
        token["patient"].Should().Be("peds-001");
        refreshed.Status.Should().Be(HttpStatusCode.OK);
        refreshed["patient"].Should().Be("peds-001");
        Instance(token).Should().NotBe(Instance(refreshed));
        await ReadOnBothAsync(refreshed["access_token"]!, "/fhir/Patient/peds-001");
    }

    [Fact] // INTROSPECT-3, INTROSPECT-5, REVOKE-2: both instances describe a token alike, and both see its revocation.
    public async Task Introspection_OnBothInstances_ActiveThenInactiveAfterRevocationOnOne()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(PatientScope));
        token.Status.Should().Be(HttpStatusCode.OK);
        var form = new Dictionary<string, string> { ["token"] = token["access_token"]! };

        var seen = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            var (status, json, response) = await IntrospectionTests.IntrospectAsync(flow.App, form, IntrospectionTests.ConfidentialApp);
            using (response)
            {
                status.Should().Be(HttpStatusCode.OK);
                json.GetProperty("active").GetBoolean().Should().BeTrue();
                json.GetProperty("patient").GetString().Should().Be("peds-001");
                seen.Add(Instance(response));
            }
        }

        seen.Should().BeEquivalentTo(["A", "B"]);
        using (var revoke = await RevocationTests.RevokeAsync(flow.App, new Dictionary<string, string> { ["token"] = token["access_token"]!, ["client_id"] = SmartFlowClient.GrowthChart }))
        {
            revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        for (var i = 0; i < 2; i++)
        {
            var (status, json, response) = await IntrospectionTests.IntrospectAsync(flow.App, form, IntrospectionTests.ConfidentialApp);
            using (response)
            {
                IntrospectionTests.AssertInactive(status, json, response);
            }
        }
    }

    private HttpClient Bearer(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(farm.BalancerUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task ReadOnBothAsync(string token, string path)
    {
        using var client = Bearer(token);
        var seen = new HashSet<string>();
        for (var i = 0; i < 2; i++)
        {
            using var read = await client.GetAsync(new Uri(path, UriKind.Relative));
            read.StatusCode.Should().Be(HttpStatusCode.OK, path);
            seen.Add(Instance(read));
        }

        seen.Should().BeEquivalentTo(["A", "B"]);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/fhir+json") };
        return await client.SendAsync(request);
    }

    private static string Instance(HttpResponseMessage response) => response.Headers.GetValues("X-Instance").Single();

    private static string Instance(TokenResult result) => result.Headers.GetValues("X-Instance").Single();
}
