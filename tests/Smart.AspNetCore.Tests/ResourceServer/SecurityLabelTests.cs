using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Smart.AspNetCore.ResourceServer;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>
/// Sensitive data: resources whose <c>meta.security</c> holds a restricted label (default v3-Confidentiality R, V) are
/// withheld from every token, whatever its scopes, unless its grant broke the glass and the resource is its patient's.
/// Read, search, <c>_include</c>/<c>_revinclude</c> and batch entries follow the same rule.
/// </summary>
public sealed class SecurityLabelTests(ResourceServerFixture fixture) : IClassFixture<ResourceServerFixture>
{
    private readonly ResourceServerHost _host = fixture.Host;

    [Theory]
    [InlineData("patient/Condition.rs")]
    [InlineData("user/*.rs")]
    [InlineData("system/*.rs")]
    public async Task Read_RestrictedWithoutBreakGlass_Returns403(string scope)
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Condition/r1", _host.Token(scope, patient: scope.StartsWith("patient/", StringComparison.Ordinal) ? "p1" : null));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer realm=\"https://ehr.test/fhir\", error=\"insufficient_scope\"");
        var outcome = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string?)outcome["resourceType"]).Should().Be("OperationOutcome");
        ((string?)outcome["issue"]![0]!["code"]).Should().Be("forbidden");
        ((string?)outcome["issue"]![0]!["diagnostics"]).Should().Contain("restricted security label");
    }

    [Fact]
    public async Task Read_RestrictedWithBreakGlassOfThatPatient_Returns200()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Condition/r1", _host.BreakGlassToken("patient/Condition.rs"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]).Should().Be("r1");
    }

    [Fact] // Breaking the glass opens the patient in context's restricted records only, not every patient a user/ scope reaches.
    public async Task Read_RestrictedOfAnotherPatientWithBreakGlass_Returns403()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Condition/r2", _host.BreakGlassToken("user/*.rs", patient: "p1"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"insufficient_scope\"");
    }

    [Fact]
    public async Task Read_UnlabelledResource_IsUnaffected()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Condition/c1", _host.Token("user/*.rs", patient: null));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("user/*.rs", null)]
    [InlineData("system/*.rs", null)]
    [InlineData("patient/Condition.rs", "p1")]
    public async Task Search_WithoutBreakGlass_DropsRestrictedAndSaysSo(string scope, string? patient)
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Condition", _host.Token(scope, patient));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Ids(bundle).Should().Equal("Condition/c1");
        bundle["total"].Should().BeNull("a total would count the withheld entries");
        var outcome = bundle["entry"]!.AsArray().Single(e => (string?)e!["search"]!["mode"] == "outcome")!;
        ((string?)outcome["resource"]!["issue"]![0]!["code"]).Should().Be("suppressed");
    }

    [Fact]
    public async Task Search_WithBreakGlass_IncludesOnlyThePatientsRestricted()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Condition", _host.BreakGlassToken("user/Condition.rs", patient: "p1"));

        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Ids(bundle).Should().Equal("Condition/c1", "Condition/r1");
    }

    [Fact]
    public async Task Search_RevincludeWithoutBreakGlass_DropsRestrictedIncludes()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Patient?_revinclude=Condition:subject", _host.Token("user/*.rs", patient: null));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Ids(bundle).Should().Equal("Patient/p1", "Patient/p2", "Condition/c1");
    }

    [Fact]
    public async Task Search_RevincludeWithBreakGlass_KeepsThePatientsRestrictedInclude()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Patient?_revinclude=Condition:subject", _host.BreakGlassToken("user/*.rs", patient: "p1"));

        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Ids(bundle).Should().Equal("Patient/p1", "Patient/p2", "Condition/c1", "Condition/r1");
    }

    [Theory]
    [InlineData(false, "403 Forbidden")]
    [InlineData(true, "200 OK")]
    public async Task Batch_RestrictedEntry_FollowsTheSameRule(bool breakGlass, string expectedStatus)
    {
        var body = """{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"Condition/c1"}},{"request":{"method":"GET","url":"Condition/r1"}}]}""";
        var token = breakGlass ? _host.BreakGlassToken("user/*.rs") : _host.Token("user/*.rs");

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir", token, body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var entries = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["entry"]!.AsArray();
        ((string?)entries[0]!["resource"]!["id"]).Should().Be("c1");
        ((string?)entries[1]!["response"]!["status"]).Should().Be(expectedStatus);
        (entries[1]!["resource"] is not null).Should().Be(breakGlass);
    }

    [Fact] // Writes answer with what the app sent: a create of a labelled resource is not refused after it was stored.
    public async Task Create_LabelledResource_IsNotFiltered()
    {
        var body = """{"resourceType":"Condition","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R"}]},"subject":{"reference":"Patient/p1"}}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir/Condition", _host.Token("patient/Condition.c"), body);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Read_LabelsCleared_RestrictedIsReadable()
    {
        await using var host = await ResourceServerHost.StartAsync(o => o.RestrictedSecurityLabels.Clear());

        var response = await host.SendAsync(HttpMethod.Get, "/fhir/Condition/r1", host.Token("user/*.rs", patient: null));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Read_CustomLabel_WithholdsThatLabelOnly()
    {
        await using var host = await ResourceServerHost.StartAsync(o =>
        {
            o.RestrictedSecurityLabels.Clear();
            o.RestrictedSecurityLabels.Add("http://terminology.hl7.org/CodeSystem/v3-Confidentiality|V");
        });

        (await host.SendAsync(HttpMethod.Get, "/fhir/Condition/r1", host.Token("user/*.rs", patient: null))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.SendAsync(HttpMethod.Get, "/fhir/Condition/r2", host.Token("user/*.rs", patient: null))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R"}]}}""", true)]
    [InlineData("""{"meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"V"}]}}""", true)]
    [InlineData("""{"meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"N"}]}}""", false)]
    [InlineData("""{"meta":{"security":[{"system":"http://example.org/other","code":"R"}]}}""", false)]
    [InlineData("""{"meta":{"security":[{"code":"R"}]}}""", false)]
    [InlineData("""{"meta":{"tag":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R"}]}}""", false)]
    [InlineData("""{"meta":{"security":"R"}}""", false)]
    [InlineData("""{}""", false)]
    public void HasRestrictedLabel_DefaultLabels_ReturnsExpected(string json, bool expected)
    {
        using var document = JsonDocument.Parse(json);

        SmartSecurityLabels.HasRestrictedLabel(document.RootElement, SmartSecurityLabels.Defaults).Should().Be(expected);
    }

    [Fact] // A configured label without a system matches that code in any system (the stricter reading).
    public void HasRestrictedLabel_CodeOnlyLabel_MatchesAnySystem()
    {
        using var document = JsonDocument.Parse("""{"meta":{"security":[{"system":"http://example.org/local","code":"SECRET"}]}}""");

        SmartSecurityLabels.HasRestrictedLabel(document.RootElement, ["SECRET"]).Should().BeTrue();
    }

    [Theory]
    [InlineData(false, SmartPermissions.Read, false)]
    [InlineData(true, SmartPermissions.Read, true)]
    [InlineData(false, SmartPermissions.Update, false)]
    [InlineData(false, SmartPermissions.Create, true)]
    public void IsPermitted_RestrictedResource_AppliesTheLabelRule(bool breakGlass, SmartPermissions permission, bool expected)
    {
        var access = new SmartAccessContext("app", "u", SmartScopeSet.Parse("patient/Condition.cruds"), "p1", null, null, TestTokens.FhirBase, breakGlass);
        using var document = JsonDocument.Parse("""{"resourceType":"Condition","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R"}]},"subject":{"reference":"Patient/p1"}}""");

        access.IsPermitted(document.RootElement, permission).Should().Be(expected);
    }

    private static List<string> Ids(JsonNode bundle) =>
        [.. bundle["entry"]!.AsArray()
            .Where(e => (string?)e!["search"]?["mode"] != "outcome")
            .Select(e => $"{e!["resource"]!["resourceType"]}/{e["resource"]!["id"]}")];
}
