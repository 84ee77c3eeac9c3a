using System.Text.Json;
using Hl7.Fhir.Model;
using Smart.AspNetCore.ResourceServer;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>Patient compartment membership (RS-6) and granular scope matching (SCOPE-8, RS-8).</summary>
public sealed class CompartmentAndGranularTests
{
    private const string Base = "https://ehr.test/fhir";
    private const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

    [Theory]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p1"}}""", true)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p1/_history/3"}}""", true)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"https://ehr.test/fhir/Patient/p1"}}""", true)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"https://evil.test/fhir/Patient/p1"}}""", false)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p10"}}""", false)]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/p2"}}""", false)]
    [InlineData("""{"resourceType":"Observation","performer":[{"reference":"Practitioner/x"},{"reference":"Patient/p1"}]}""", true)]
    [InlineData("""{"resourceType":"Observation","focus":[{"reference":"Patient/p1"}]}""", false)]
    [InlineData("""{"resourceType":"Observation"}""", false)]
    [InlineData("""{"resourceType":"Condition","subject":{"reference":"Patient/p1"}}""", true)]
    [InlineData("""{"resourceType":"Appointment","participant":[{"actor":{"reference":"Patient/p1"}}]}""", true)]
    [InlineData("""{"resourceType":"Provenance","target":[{"reference":"Patient/p1"}]}""", true)]
    [InlineData("""{"resourceType":"Coverage","beneficiary":{"reference":"Patient/p1"}}""", true)]
    [InlineData("""{"resourceType":"Patient","id":"p1"}""", true)]
    [InlineData("""{"resourceType":"Patient","id":"p2","link":[{"other":{"reference":"Patient/p1"}}]}""", false)]
    [InlineData("""{"resourceType":"Practitioner","id":"p1"}""", false)]
    public void IsMember_Resource_ReturnsExpected(string json, bool expected)
    {
        using var document = JsonDocument.Parse(json);
        var type = document.RootElement.GetProperty("resourceType").GetString()!;

        PatientCompartment.IsMember(type, document.RootElement, "p1", Base).Should().Be(expected);
    }

    [Fact]
    public void CompartmentTable_EveryParameter_HasPathsInFirelySearchParameters()
    {
        foreach (var type in PatientCompartment.ResourceTypes)
        {
            ModelInfo.IsKnownResource(type).Should().BeTrue(type);
            if (type == "Patient")
            {
                continue;
            }

            foreach (var parameter in PatientCompartment.GetParameters(type))
            {
                FhirSearchParameterPaths.Get(type, parameter).Should().NotBeEmpty($"{type}.{parameter} must resolve to element paths");
            }
        }
    }

    [Theory]
    [InlineData("category", ObservationCategory + "|laboratory", true)]
    [InlineData("category", ObservationCategory + "|vital-signs", false)]
    [InlineData("category", ObservationCategory + "|vital-signs," + ObservationCategory + "|laboratory", true)]
    [InlineData("category", "laboratory", true)]
    [InlineData("category", ObservationCategory + "|", true)]
    [InlineData("category", "|laboratory", false)]
    [InlineData("category", "http://other|laboratory", false)]
    [InlineData("category", "http://terminology.hl7.org/CodeSystem/observation-category%7Claboratory", true)]
    [InlineData("code", "http://loinc.org|1234-5", true)]
    [InlineData("status", "final", true)]
    [InlineData("status", "amended", false)]
    [InlineData("code:in", "http://vs", false)]
    [InlineData("subject.name", "x", false)]
    [InlineData("no-such-param", "x", false)]
    public void Matches_ObservationConstraint_ReturnsExpected(string name, string value, bool expected)
    {
        using var document = JsonDocument.Parse($$$"""
            {"resourceType":"Observation","status":"final",
             "category":[{"coding":[{"system":"{{{ObservationCategory}}}","code":"laboratory"}]}],
             "code":{"coding":[{"system":"http://loinc.org","code":"1234-5"}]}}
            """);

        GranularScopeMatcher.Matches("Observation", document.RootElement, [new(name, value)]).Should().Be(expected);
    }

    [Fact]
    public void Matches_SeveralParameters_AreAnded()
    {
        using var document = JsonDocument.Parse("""{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"1"}]}}""");

        GranularScopeMatcher.Matches("Observation", document.RootElement, [new("status", "final"), new("code", "http://loinc.org|1")]).Should().BeTrue();
        GranularScopeMatcher.Matches("Observation", document.RootElement, [new("status", "final"), new("code", "http://loinc.org|2")]).Should().BeFalse();
    }

    [Fact]
    public void GetSearchConstraints_PatientGranular_ReturnsCompartmentAndFilter()
    {
        var access = DecisionTests.Access($"patient/Observation.rs?category={ObservationCategory}|laboratory user/Condition.rs");

        var observation = access.GetSearchConstraints("Observation");
        var condition = access.GetSearchConstraints("Condition");
        var encounter = access.GetSearchConstraints("Encounter");

        observation.IsPermitted.Should().BeTrue();
        observation.IsUnrestricted.Should().BeFalse();
        observation.Alternatives.Should().ContainSingle();
        observation.Alternatives[0].PatientId.Should().Be("p1");
        observation.Alternatives[0].CompartmentParameters.Should().Equal("subject", "performer");
        observation.Alternatives[0].Parameters.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("category", ObservationCategory + "|laboratory"));
        condition.IsUnrestricted.Should().BeTrue();
        encounter.IsPermitted.Should().BeFalse();
    }
}
