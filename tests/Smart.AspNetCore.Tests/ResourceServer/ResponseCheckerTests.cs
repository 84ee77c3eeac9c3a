using System.Text;
using System.Text.Json.Nodes;
using Smart.AspNetCore.ResourceServer;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>The response check: reads refused outside the grant, Bundles filtered (RS-6, RS-8, RS-9).</summary>
public sealed class ResponseCheckerTests
{
    private const string Lab = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

    [Theory]
    [InlineData("patient/Observation.rs", """{"resourceType":"Observation","subject":{"reference":"Patient/p1"}}""", true)]
    [InlineData("patient/Observation.rs", """{"resourceType":"Observation","subject":{"reference":"Patient/p2"}}""", false)]
    [InlineData("patient/Observation.rs?category=" + Lab, """{"resourceType":"Observation","subject":{"reference":"Patient/p1"},"category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}]}""", false)]
    [InlineData("patient/Observation.rs", """{"resourceType":"Condition","subject":{"reference":"Patient/p1"}}""", false)]
    [InlineData("patient/Observation.rs", """{"resourceType":"OperationOutcome","issue":[]}""", true)]
    [InlineData("patient/Observation.rs", """{"resourceType":"Parameters"}""", false)]
    [InlineData("patient/Observation.rs", """not json""", false)]
    public void Check_Read_AllowsOnlyResourcesInGrant(string scope, string json, bool allowed)
    {
        var access = DecisionTests.Access(scope);
        var request = FhirRequestClassifier.Classify("GET", "/fhir/Observation/o1", "/fhir");

        var result = SmartResponseChecker.Check(access, request, Encoding.UTF8.GetBytes(json));

        (result.Denial is null).Should().Be(allowed);
    }

    [Fact]
    public void Check_SearchsetWithForeignMatchAndInclude_RemovesThemDropsTotalAddsOutcome()
    {
        // microsoft/fhir-server PR #5683: _include must not leak resources of other patients.
        var access = DecisionTests.Access("patient/Observation.rs patient/Patient.rs");
        var bundle = """
            {"resourceType":"Bundle","type":"searchset","total":3,"entry":[
              {"fullUrl":"https://ehr.test/fhir/Observation/o1","resource":{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"}},"search":{"mode":"match"}},
              {"fullUrl":"https://ehr.test/fhir/Observation/o3","resource":{"resourceType":"Observation","id":"o3","subject":{"reference":"Patient/p2"}},"search":{"mode":"match"}},
              {"fullUrl":"https://ehr.test/fhir/Patient/p1","resource":{"resourceType":"Patient","id":"p1"},"search":{"mode":"include"}},
              {"fullUrl":"https://ehr.test/fhir/Patient/p2","resource":{"resourceType":"Patient","id":"p2"},"search":{"mode":"include"}},
              {"fullUrl":"https://ehr.test/fhir/Condition/c1","resource":{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"}},"search":{"mode":"include"}}
            ]}
            """;

        var result = SmartResponseChecker.Check(access, FhirRequestClassifier.Classify("GET", "/fhir/Observation", "/fhir"), Encoding.UTF8.GetBytes(bundle));

        result.Denial.Should().BeNull();
        result.Withheld.Should().Be(3);
        var filtered = JsonNode.Parse(result.Body)!;
        filtered["total"].Should().BeNull();
        var entries = filtered["entry"]!.AsArray();
        entries.Select(e => (string?)e!["fullUrl"]).Should().Equal("https://ehr.test/fhir/Observation/o1", "https://ehr.test/fhir/Patient/p1", null);
        ((string?)entries[2]!["resource"]!["resourceType"]).Should().Be("OperationOutcome");
        ((string?)entries[2]!["search"]!["mode"]).Should().Be("outcome");
    }

    [Fact]
    public void Check_SearchsetAllInGrant_LeavesBodyUnchanged()
    {
        var access = DecisionTests.Access("patient/Observation.rs");
        var bundle = """{"resourceType":"Bundle","type":"searchset","total":1,"entry":[{"resource":{"resourceType":"Observation","subject":{"reference":"Patient/p1"}}}]}""";

        var result = SmartResponseChecker.Check(access, FhirRequestClassifier.Classify("GET", "/fhir/Observation", "/fhir"), Encoding.UTF8.GetBytes(bundle));

        result.Should().Be(default(SmartResponseChecker.Result));
    }

    [Fact]
    public void Check_BatchResponseWithForeignResource_ReplacesEntryWith403()
    {
        var access = DecisionTests.Access("patient/Observation.rs");
        var bundle = """
            {"resourceType":"Bundle","type":"batch-response","entry":[
              {"resource":{"resourceType":"Observation","subject":{"reference":"Patient/p1"}},"response":{"status":"200 OK"}},
              {"resource":{"resourceType":"Observation","subject":{"reference":"Patient/p2"}},"response":{"status":"200 OK"}},
              {"response":{"status":"204 No Content"}}
            ]}
            """;

        var result = SmartResponseChecker.Check(access, FhirRequestClassifier.Classify("POST", "/fhir", "/fhir"), Encoding.UTF8.GetBytes(bundle));

        var entries = JsonNode.Parse(result.Body)!["entry"]!.AsArray();
        entries.Should().HaveCount(3);
        entries[1]!["resource"].Should().BeNull();
        ((string?)entries[1]!["response"]!["status"]).Should().Be("403 Forbidden");
        ((string?)entries[2]!["response"]!["status"]).Should().Be("204 No Content");
    }
}
