using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// SAMPLE-CONTRACT "The Growth Chart app records measurements": the Growth Chart app's write scope, and the sample's
/// FHIR API refusing bad Observations with an OperationOutcome while storing nothing (RS-6).
/// </summary>
[Collection(SampleEhrCollection.Name)]
public class ObservationWriteTests(SampleEhrFactory factory)
{
    private const string Scope = "launch patient/Observation.rs patient/Observation.cu";

    [Fact] // AUTHZ-8: the Growth Chart app is registered for the write scope it asks for (v2 and v1).
    public async Task GrowthChart_AsksForWriteScopes_IsGrantedThem()
    {
        foreach (var scope in new[] { "launch patient/Observation.rs patient/Observation.cu", "launch patient/Observation.read patient/Observation.write" })
        {
            using var flow = new SmartFlowClient(factory);
            await flow.LoginAsync();
            var launch = await flow.StartEhrLaunchAsync("peds-001");
            var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(scope, launch));

            token.Status.Should().Be(HttpStatusCode.OK);
            token["scope"].Should().Be(scope);
        }
    }

    [Fact]
    public async Task Create_GrowthMeasurement_Returns201AndIsSearchable()
    {
        var (flow, token) = await TokenAsync();
        using (flow)
        {
            var before = await CountAsync(flow.App, token);

            var (status, json) = await PostAsync(flow.App, token, Observation("8302-2", 104.5m, "cm"));

            status.Should().Be(HttpStatusCode.Created);
            json.GetProperty("id").GetString().Should().NotBeNullOrEmpty();
            (await CountAsync(flow.App, token)).Should().Be(before + 1);
        }
    }

    public static TheoryData<string, string> BadObservations => new()
    {
        { "code", Observation("1234-5", 10m, "cm") },
        { "code", Observation("8302-2", 10m, "cm").Replace("http://loinc.org", "http://snomed.info/sct", StringComparison.Ordinal) },
        { "value", Observation("8302-2", 0m, "cm") },
        { "value", Observation("29463-7", -3m, "kg") },
        { "value", Observation("8302-2", 104.5m, "cm").Replace("\"value\":104.5,", string.Empty, StringComparison.Ordinal) },
        { "value.code", Observation("29463-7", 17m, "g") },
        { "value.code", Observation("9843-4", 48m, "[in_i]") },
        { "category", Observation("8302-2", 104.5m, "cm").Replace("vital-signs", "laboratory", StringComparison.Ordinal) },
        { "effective", Observation("8302-2", 104.5m, "cm", "2999-01-01T00:00:00Z") },
    };

    [Theory]
    [MemberData(nameof(BadObservations))]
    public async Task Create_BadMeasurement_Returns422OperationOutcomeAndStoresNothing(string element, string body)
    {
        var (flow, token) = await TokenAsync();
        using (flow)
        {
            var before = await CountAsync(flow.App, token);

            var (status, json) = await PostAsync(flow.App, token, body);

            status.Should().Be(HttpStatusCode.UnprocessableEntity);
            json.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
            var issue = json.GetProperty("issue")[0];
            issue.GetProperty("severity").GetString().Should().Be("error");
            issue.GetProperty("expression")[0].GetString().Should().StartWith("Observation." + element);
            (await CountAsync(flow.App, token)).Should().Be(before);
        }
    }

    [Fact] // RS-6: another patient's subject is refused before the handler (library), with the OAuth error.
    public async Task Create_OtherPatientsSubject_Returns403AndStoresNothing()
    {
        var (flow, token) = await TokenAsync();
        using (flow)
        {
            var (status, json) = await PostAsync(flow.App, token, Observation("8302-2", 104.5m, "cm", subject: "adult-002"));

            status.Should().Be(HttpStatusCode.Forbidden);
            json.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
            json.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("forbidden");
        }
    }

    private async Task<(SmartFlowClient Flow, string Token)> TokenAsync()
    {
        var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync("peds-001");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope, launch));
        token.Status.Should().Be(HttpStatusCode.OK);
        return (flow, token["access_token"]!);
    }

    internal static string Observation(string code, decimal value, string unit, string effective = "2026-11-01T10:00:00Z", string subject = "peds-001") => $$$"""
        {"resourceType":"Observation","status":"final",
         "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
         "code":{"coding":[{"system":"http://loinc.org","code":"{{{code}}}"}]},
         "subject":{"reference":"Patient/{{{subject}}}"},"effectiveDateTime":"{{{effective}}}",
         "valueQuantity":{"value":{{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"unit":"{{{unit}}}","system":"http://unitsofmeasure.org","code":"{{{unit}}}"}}
        """;

    private static async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(HttpClient client, string token, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/fhir/Observation", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<int> CountAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/fhir/Observation?patient=peds-001&_count=1000", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bundle = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return bundle.TryGetProperty("entry", out var entries) ? entries.EnumerateArray().Count(e => e.GetProperty("resource").GetProperty("resourceType").GetString() == "Observation") : 0;
    }
}
