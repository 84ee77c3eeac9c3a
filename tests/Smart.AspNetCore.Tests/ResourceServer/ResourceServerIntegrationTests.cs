using System.Net;
using System.Text.Json.Nodes;
using Smart.AspNetCore.Tests.Signing;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>
/// End-to-end enforcement through a TestServer host (RS-1..RS-9). Every rejection asserts the status and the
/// <c>error</c> of <c>WWW-Authenticate</c>.
/// </summary>
public sealed class ResourceServerIntegrationTests(ResourceServerFixture fixture) : IClassFixture<ResourceServerFixture>
{
    private const string Lab = "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    private readonly ResourceServerHost _host = fixture.Host;

    [Fact]
    public async Task Get_NoToken_Returns401WithRealmAndNoError()
    {
        // RS-3, g10 "Server rejects unauthorized access": exactly 401, no error attribute.
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", token: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"https://ehr.test/fhir\"");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
    }

    public static TheoryData<string> BadTokens => new() { "expired", "wrong-audience", "wrong-issuer", "typ-JWT", "unknown-key", "alg-none", "garbage" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Get_BadToken_Returns401InvalidToken(string kind)
    {
        // RS-2, RS-4, SEC-2 (audience-restricted tokens)
        var token = kind switch
        {
            "expired" => TestTokens.Create(_host.ActiveKey, "patient/*.rs", "p1", expiresIn: TimeSpan.FromMinutes(-2)),
            "wrong-audience" => TestTokens.Create(_host.ActiveKey, "patient/*.rs", "p1", audience: "https://evil.test/fhir"),
            "wrong-issuer" => TestTokens.Create(_host.ActiveKey, "patient/*.rs", "p1", issuer: "https://evil.test/fhir"),
            "typ-JWT" => TestTokens.Create(_host.ActiveKey, "patient/*.rs", "p1", type: "JWT"),
            "unknown-key" => TestTokens.Create(SigningTestKeys.Rsa("active").Credentials, "patient/*.rs", "p1"),
            "alg-none" => TestTokens.Unsigned("patient/*.rs", "p1"),
            _ => "not-a-jwt",
        };

        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer realm=\"https://ehr.test/fhir\", error=\"invalid_token\"");
    }

    [Fact]
    public async Task Get_TokenSignedWithRetiredKey_Returns200()
    {
        var token = TestTokens.Create(_host.RetiredKey, "patient/Patient.rs", "p1");

        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_TokenInQueryString_Returns401WithoutError()
    {
        // RS-3: the URI query method is refused.
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1?access_token=" + _host.Token("patient/*.rs"), token: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer realm=\"https://ehr.test/fhir\"");
    }

    [Fact]
    public async Task Get_Metadata_WithoutToken_Returns200()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/metadata", token: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    // interaction × scope kind × context × in/out of compartment
    [InlineData("GET", "/fhir/Patient/p1", "patient/Patient.rs", HttpStatusCode.OK)]
    [InlineData("GET", "/fhir/Patient/p1", "patient/Patient.read", HttpStatusCode.OK)]
    [InlineData("GET", "/fhir/Patient/p2", "patient/Patient.rs", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Patient/p2", "patient/*.read", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Patient/p2", "user/Patient.rs", HttpStatusCode.OK)]
    [InlineData("GET", "/fhir/Observation/o1", "patient/Observation.rs", HttpStatusCode.OK)]
    [InlineData("GET", "/fhir/Observation/o3", "patient/Observation.rs", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Observation/o3", "patient/*.read", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Observation/o3", "user/Observation.rs", HttpStatusCode.OK)]
    [InlineData("GET", "/fhir/Observation/o3", "system/*.rs", HttpStatusCode.OK)]
    [InlineData("GET", "/fhir/Observation/o1", "patient/Observation.rs?" + Lab, HttpStatusCode.OK)]
    [InlineData("GET", "/fhir/Observation/o2", "patient/Observation.rs?" + Lab, HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Observation/o3", "user/Observation.rs?" + Lab, HttpStatusCode.OK)]
    [InlineData("GET", "/fhir/Observation/o2", "user/Observation.rs?" + Lab, HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Observation/nope", "patient/Observation.rs", HttpStatusCode.NotFound)]
    [InlineData("GET", "/fhir/Condition/c1", "patient/Observation.rs", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Condition/nope", "patient/Observation.rs", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Practitioner/dr1", "patient/Practitioner.rs", HttpStatusCode.OK)]
    [InlineData("GET", "/fhir/Observation/xml", "patient/Observation.rs", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Observation", "patient/Observation.r", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Observation", "patient/Observation.write", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Patient/p2/Observation", "patient/Observation.rs", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Patient/p1/Observation", "patient/Observation.rs", HttpStatusCode.OK)]
    [InlineData("DELETE", "/fhir/Observation/o1", "patient/Observation.cud", HttpStatusCode.Forbidden)]
    [InlineData("DELETE", "/fhir/Observation/o1", "user/Observation.cud", HttpStatusCode.NoContent)]
    [InlineData("DELETE", "/fhir/Observation/o1", "user/Observation.rs", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Observation/o1", "patient/Observation.sr", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/fhir/Observation/o1", "launch/patient openid", HttpStatusCode.Forbidden)]
    public async Task Send_Table_ReturnsExpectedStatus(string method, string path, string scope, HttpStatusCode expected)
    {
        var response = await _host.SendAsync(new HttpMethod(method), path, _host.Token(scope));

        response.StatusCode.Should().Be(expected, because: $"{method} {path} with '{scope}'");
        if (expected == HttpStatusCode.Forbidden)
        {
            await AssertInsufficientScopeAsync(response);
        }
    }

    [Fact]
    public async Task Search_PatientScopeUnfilteredHost_ReturnsOnlyCompartmentEntries()
    {
        // RS-6, RS-9: _include across patients (microsoft/fhir-server PR #5683).
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Observation?_include=Observation:subject", _host.Token("patient/Observation.rs patient/Patient.rs"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        bundle["total"].Should().BeNull();
        Ids(bundle).Should().Equal("Observation/o1", "Observation/o2", "Patient/p1", "OperationOutcome/");
    }

    [Fact]
    public async Task Search_UserScopeWithIncludeOfUngrantedType_RemovesIncludes()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Observation?_include=Observation:subject", _host.Token("user/Observation.rs"));

        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Ids(bundle).Should().Equal("Observation/o1", "Observation/o2", "Observation/o3", "OperationOutcome/");
    }

    [Fact]
    public async Task Search_GranularScope_ReturnsExactlyMatchingEntries()
    {
        // RS-8: none extra, none missing.
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Observation", _host.Token("patient/Observation.rs?" + Lab));

        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Ids(bundle).Should().Equal("Observation/o1", "OperationOutcome/");
    }

    [Fact]
    public async Task Search_SystemWildcard_LeavesBundleUntouched()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Observation", _host.Token("system/*.rs", patient: null));

        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((int)bundle["total"]!).Should().Be(3);
        Ids(bundle).Should().Equal("Observation/o1", "Observation/o2", "Observation/o3");
    }

    [Theory]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p1"}}""", HttpStatusCode.Created)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p2"}}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"resourceType":"Observation"}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"resourceType":"Condition","subject":{"reference":"Patient/p1"}}""", HttpStatusCode.Forbidden)]
    [InlineData("""not json""", HttpStatusCode.Forbidden)]
    public async Task Create_PatientScope_AllowsOnlyInsideCompartment(string body, HttpStatusCode expected)
    {
        // RS-6: writes must stay inside the compartment.
        var response = await _host.SendAsync(HttpMethod.Post, "/fhir/Observation", _host.Token("patient/Observation.c"), body);

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.Forbidden)
        {
            await AssertInsufficientScopeAsync(response);
        }
    }

    [Fact]
    public async Task Create_GranularScopeNonMatchingCategory_Returns403()
    {
        var body = """{"resourceType":"Observation","subject":{"reference":"Patient/p1"},"category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}]}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir/Observation", _host.Token("patient/Observation.c?" + Lab), body);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await AssertInsufficientScopeAsync(response);
    }

    [Theory]
    [InlineData("patient/Observation.rs patient/Condition.rs", "Condition/c1", HttpStatusCode.OK)]
    [InlineData("patient/Observation.rs", "Condition/c1", HttpStatusCode.Forbidden)]
    [InlineData("patient/Observation.rs patient/Patient.rs", "Patient/p2", HttpStatusCode.Forbidden)]
    public async Task Batch_EachEntryAuthorized(string scope, string secondUrl, HttpStatusCode expected)
    {
        // RS-9 (microsoft/fhir-server PR #3099, #3372).
        var body = $$$"""{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"Observation/o1"}},{"request":{"method":"GET","url":"{{{secondUrl}}}"}}]}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir", _host.Token(scope), body);

        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.Forbidden)
        {
            var outcome = await AssertInsufficientScopeAsync(response);
            outcome.Should().Contain("Bundle entry 1");
        }
    }

    [Fact]
    public async Task Batch_ReadOfForeignResourceById_EntryIsReplacedWith403()
    {
        var body = """{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"Observation/o1"}},{"request":{"method":"GET","url":"Observation/o3"}}]}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir", _host.Token("patient/Observation.rs"), body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var entries = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["entry"]!.AsArray();
        entries[0]!["resource"].Should().NotBeNull();
        entries[1]!["resource"].Should().BeNull();
        ((string?)entries[1]!["response"]!["status"]).Should().Be("403 Forbidden");
    }

    [Fact]
    public async Task Transaction_CreateOutsideCompartment_Returns403()
    {
        var body = """{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Observation","subject":{"reference":"Patient/p2"}},"request":{"method":"POST","url":"Observation"}}]}""";

        var response = await _host.SendAsync(HttpMethod.Post, "/fhir", _host.Token("patient/Observation.crus"), body);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AssertInsufficientScopeAsync(response)).Should().Contain("Bundle entry 0");
    }

    [Fact]
    public async Task Get_AccessContext_ExposesClaimsAndConstraints()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/fhir/Practitioner/dr1", TestTokens.Create(_host.ActiveKey, "patient/Practitioner.rs", "p1", encounter: "e1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static List<string> Ids(JsonNode bundle) =>
        [.. bundle["entry"]!.AsArray().Select(e => $"{e!["resource"]!["resourceType"]}/{e["resource"]!["id"]}")];

    private static async Task<string> AssertInsufficientScopeAsync(HttpResponseMessage response)
    {
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer realm=\"https://ehr.test/fhir\", error=\"insufficient_scope\"");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var body = await response.Content.ReadAsStringAsync();
        var outcome = JsonNode.Parse(body)!;
        ((string?)outcome["resourceType"]).Should().Be("OperationOutcome");
        ((string?)outcome["issue"]![0]!["code"]).Should().Be("forbidden");
        return body;
    }
}
