using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Flows;
using Smart.AspNetCore.IntegrationTests.Infrastructure;
using Smart.AspNetCore.Testing;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>
/// SAMPLE-CONTRACT "Several instances, one EHR": with the FHIR data written through the API in Redis, Redis
/// unreachable or hung makes FHIR writes and the EHR's chart page answer <c>503</c> within 10 s, never a <c>500</c>,
/// stores nothing, and everything works again when Redis is back.
/// </summary>
public class FhirDataOutageTests(RedisOutageFixture fixture) : IClassFixture<RedisOutageFixture>
{
    private const string WriteScope = "launch patient/Patient.rs patient/Observation.rs patient/Observation.cu";
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(10);

    [Fact] // RS-6: a write while Redis is unreachable is a 503 OperationOutcome and stores nothing.
    public async Task ObservationWrite_RedisUnreachable_Answers503OperationOutcome_AndStoresNothing()
    {
        using var flow = await SignedInAsync();
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(WriteScope, await flow.StartEhrLaunchAsync("peds-001")));
        token.Status.Should().Be(HttpStatusCode.OK);
        using var api = fixture.Ehr.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["access_token"]);
        var before = await CountAsync(api);

        fixture.Server.Stop(keepData: true);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/fhir/Observation", UriKind.Relative))
            {
                Content = new StringContent(ObservationWriteTests.Observation("29463-7", 17.25m, "kg"), Encoding.UTF8, "application/fhir+json"),
            };
            var watch = Stopwatch.StartNew();
            using var response = await api.SendAsync(request);
            watch.Stop();

            response.Headers.RetryAfter.Should().NotBeNull();
            var outcome = await response.AssertOperationOutcomeAsync(HttpStatusCode.ServiceUnavailable, "transient");
            outcome.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("transient");
            watch.Elapsed.Should().BeLessThan(s_bound);
        }
        finally
        {
            fixture.Server.Start();
        }

        await fixture.Ehr.WaitUntilConnectedAsync();
        (await CountAsync(api)).Should().Be(before, "the refused write stored nothing");
    }

    [Theory] // The EHR's own chart page reads the written Observations from Redis: unreachable or hung, a 503 page.
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChartPage_RedisDownOrHung_Answers503PageWithinTenSeconds_ThenShowsTheChart(bool hung)
    {
        using var flow = await SignedInAsync();
        if (hung)
        {
            fixture.Server.Pause();
        }
        else
        {
            fixture.Server.Stop(keepData: true);
        }

        try
        {
            var watch = Stopwatch.StartNew();
            using var page = await flow.Browser.GetAsync(new Uri("/ehr/patients/peds-001", UriKind.Relative));
            watch.Stop();

            page.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            page.Headers.RetryAfter.Should().NotBeNull();
            page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
            watch.Elapsed.Should().BeLessThan(s_bound);
        }
        finally
        {
            if (hung)
            {
                fixture.Server.Resume();
            }
            else
            {
                fixture.Server.Start();
            }
        }

        await fixture.Ehr.WaitUntilConnectedAsync();
        using var again = await flow.Browser.GetAsync(new Uri("/ehr/patients/peds-001", UriKind.Relative));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<SmartFlowClient> SignedInAsync()
    {
        fixture.Server.Start();
        await fixture.Ehr.WaitUntilConnectedAsync();
        var flow = new SmartFlowClient(fixture.Ehr);
        await flow.LoginAsync();
        return flow;
    }

    private static async Task<int> CountAsync(HttpClient api)
    {
        using var response = await api.GetAsync(new Uri("/fhir/Observation?patient=peds-001&_count=1000", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var bundle = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return bundle.RootElement.GetProperty("total").GetInt32();
    }
}
