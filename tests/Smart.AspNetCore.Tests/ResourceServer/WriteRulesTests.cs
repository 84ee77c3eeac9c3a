using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Smart.AspNetCore.ResourceServer;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>
/// What a create must satisfy (RS-6, RS-8, RS-9): the new resource in the context patient's compartment and in no other
/// patient's, granular create scopes, conditional create (<c>If-None-Exist</c>) needing search, and Bundle entries that create.
/// </summary>
public sealed class WriteRulesTests(ResourceServerFixture fixture) : IClassFixture<ResourceServerFixture>
{
    private const string Vitals = "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
    private const string VitalsCategory = """[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}]""";
    private readonly ResourceServerHost _host = fixture.Host;

    [Theory]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p1"}}""", false)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p1"},"performer":[{"reference":"Practitioner/dr1"}]}""", false)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"https://ehr.test/fhir/Patient/p1"}}""", false)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p1"},"performer":[{"reference":"Patient/p2"}]}""", true)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p1"},"performer":[{"reference":"https://evil.test/fhir/Patient/p1"}]}""", true)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p2"}}""", true)]
    public void ReferencesAnotherPatient_Resource_ReturnsExpected(string json, bool expected)
    {
        using var document = JsonDocument.Parse(json);

        SmartWriteRules.ReferencesAnotherPatient("Observation", document.RootElement, "p1", TestTokens.FhirBase).Should().Be(expected);
    }

    [Fact] // RS-6: the context patient's Observation may not also land in another patient's record.
    public async Task Create_PatientScopeResourceAlsoInAnotherPatientsCompartment_Returns403()
    {
        var body = """{"resourceType":"Observation","subject":{"reference":"Patient/p1"},"performer":[{"reference":"Patient/p2"}]}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir/Observation", _host.Token("patient/Observation.c"), body);

        (await AssertInsufficientScopeAsync(response)).Should().Contain("outside the patient compartment");
    }

    [Fact] // A user/ scope is not confined to one patient.
    public async Task Create_UserScopeOtherPatient_Returns201()
    {
        var body = """{"resourceType":"Observation","subject":{"reference":"Patient/p2"}}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir/Observation", _host.Token("user/Observation.c", patient: null), body);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact] // RS-8: a granular create scope admits a resource that matches it.
    public async Task Create_GranularScopeMatchingCategory_Returns201()
    {
        var body = $$$"""{"resourceType":"Observation","subject":{"reference":"Patient/p1"},"category":{{{VitalsCategory}}}}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir/Observation", _host.Token("patient/Observation.c?category=" + Vitals), body);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact] // The granular scope applies to the new resource, whatever else the token reads.
    public async Task Create_GranularScopeWithoutCategory_Returns403()
    {
        var body = """{"resourceType":"Observation","subject":{"reference":"Patient/p1"}}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir/Observation", _host.Token("patient/Observation.rs patient/Observation.c?category=" + Vitals), body);

        await AssertInsufficientScopeAsync(response);
    }

    [Fact] // A conditional create searches: without search permission it would reveal whether a match exists.
    public async Task Create_IfNoneExistWithoutSearchScope_Returns403()
    {
        var response = await SendConditionalCreateAsync("patient/Observation.c");

        (await AssertInsufficientScopeAsync(response)).Should().Contain("If-None-Exist");
    }

    [Fact]
    public async Task Create_IfNoneExistWithSearchScope_Returns201()
    {
        var response = await SendConditionalCreateAsync("patient/Observation.cs");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact] // RS-9: a Bundle entry that creates conditionally needs search too.
    public async Task Batch_CreateEntryWithIfNoneExistWithoutSearch_Returns403()
    {
        var body = """{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Observation","subject":{"reference":"Patient/p1"}},"request":{"method":"POST","url":"Observation","ifNoneExist":"identifier=x|1"}}]}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir", _host.Token("patient/Observation.c"), body);

        (await AssertInsufficientScopeAsync(response)).Should().Contain("Bundle entry 0").And.Contain("If-None-Exist");
    }

    [Fact] // RS-9: a Bundle entry that creates in two patients' compartments is refused like a plain create.
    public async Task Batch_CreateEntryAlsoInAnotherPatientsCompartment_Returns403()
    {
        var body = """{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Observation","subject":{"reference":"Patient/p1"},"performer":[{"reference":"Patient/p2"}]},"request":{"method":"POST","url":"Observation"}}]}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir", _host.Token("patient/Observation.cs"), body);

        (await AssertInsufficientScopeAsync(response)).Should().Contain("Bundle entry 0");
    }

    [Fact]
    public async Task Batch_CreateEntriesInsideGrant_Returns200()
    {
        var body = $$$"""{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Observation","subject":{"reference":"Patient/p1"},"category":{{{VitalsCategory}}}},"request":{"method":"POST","url":"Observation","ifNoneExist":"identifier=x|1"}}]}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir", _host.Token("patient/Observation.cs?category=" + Vitals), body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var entries = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["entry"]!.AsArray();
        entries[0]!["resource"].Should().NotBeNull();
    }

    private async Task<HttpResponseMessage> SendConditionalCreateAsync(string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Observation")
        {
            Content = new StringContent("""{"resourceType":"Observation","subject":{"reference":"Patient/p1"}}""", System.Text.Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.Token(scope));
        request.Headers.TryAddWithoutValidation("If-None-Exist", "identifier=http://example.org|1");
        return await _host.Client.SendAsync(request);
    }

    private static async Task<string> AssertInsufficientScopeAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer realm=\"https://ehr.test/fhir\", error=\"insufficient_scope\"");
        var body = await response.Content.ReadAsStringAsync();
        var outcome = JsonNode.Parse(body)!;
        ((string?)outcome["resourceType"]).Should().Be("OperationOutcome");
        ((string?)outcome["issue"]![0]!["code"]).Should().Be("forbidden");
        return body;
    }
}
