using Smart.AspNetCore.ResourceServer;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>Request classification (RS-1, RS-5: decide before the handler; unknown shapes fail closed).</summary>
public sealed class ClassifierTests
{
    [Theory]
    [InlineData("GET", "/fhir/metadata", "Capabilities", null, "")]
    [InlineData("GET", "/fhir/Patient/123", "Read", "Patient", "123")]
    [InlineData("HEAD", "/fhir/Patient/123", "Read", "Patient", "123")]
    [InlineData("GET", "/fhir/Observation/o-1/_history/2", "VRead", "Observation", "o-1")]
    [InlineData("PUT", "/fhir/Observation/o1", "Update", "Observation", "o1")]
    [InlineData("PATCH", "/fhir/Observation/o1", "Patch", "Observation", "o1")]
    [InlineData("DELETE", "/fhir/Observation/o1", "Delete", "Observation", "o1")]
    [InlineData("PUT", "/fhir/Observation", "ConditionalUpdate", "Observation", "")]
    [InlineData("DELETE", "/fhir/Observation", "ConditionalDelete", "Observation", "")]
    [InlineData("GET", "/fhir/Observation/o1/_history", "HistoryInstance", "Observation", "o1")]
    [InlineData("GET", "/fhir/Observation/_history", "HistoryType", "Observation", "")]
    [InlineData("GET", "/fhir/_history", "HistorySystem", null, "")]
    [InlineData("POST", "/fhir/Observation", "Create", "Observation", "")]
    [InlineData("GET", "/fhir/Observation", "SearchType", "Observation", "")]
    [InlineData("GET", "/fhir/Observation/", "SearchType", "Observation", "")]
    [InlineData("POST", "/fhir/Observation/_search", "SearchType", "Observation", "")]
    [InlineData("GET", "/fhir", "SearchSystem", null, "")]
    [InlineData("POST", "/fhir/_search", "SearchSystem", null, "")]
    [InlineData("GET", "/fhir/Patient/123/Observation", "SearchCompartment", "Observation", "123")]
    [InlineData("GET", "/fhir/Patient/123/*", "SearchCompartment", "*", "123")]
    [InlineData("GET", "/fhir/$export", "OperationSystem", null, "")]
    [InlineData("POST", "/fhir/Observation/$lastn", "OperationType", "Observation", "")]
    [InlineData("GET", "/fhir/Patient/123/$everything", "OperationInstance", "Patient", "123")]
    [InlineData("POST", "/fhir", "BatchOrTransaction", null, "")]
    [InlineData("POST", "/fhir/", "BatchOrTransaction", null, "")]
    public void Classify_KnownShape_ReturnsInteraction(string method, string path, string expected, string? type, string id)
    {
        var request = FhirRequestClassifier.Classify(method, path, "/fhir");

        request.Interaction.ToString().Should().Be(expected);
        request.ResourceType.Should().Be(type);
        request.Id.ToString().Should().Be(id);
    }

    [Theory]
    [InlineData("GET", "/other/Patient/1")]
    [InlineData("GET", "/fhirx/Patient/1")]
    [InlineData("GET", "/fhir/patient/1")]
    [InlineData("GET", "/fhir/NotAType")]
    [InlineData("GET", "/fhir/Patient/bad id")]
    [InlineData("GET", "/fhir/Patient/" + "0123456789012345678901234567890123456789012345678901234567890123456789")]
    [InlineData("GET", "/fhir/Patient//Observation")]
    [InlineData("GET", "/fhir/Patient/1/_history/2/extra")]
    [InlineData("GET", "/fhir/Patient/1/Observation/2")]
    [InlineData("POST", "/fhir/Patient/1")]
    [InlineData("PUT", "/fhir")]
    [InlineData("GET", "/fhir/_search")]
    [InlineData("POST", "/fhir/metadata")]
    [InlineData("TRACE", "/fhir/Patient")]
    [InlineData("GET", "/fhir/$")]
    [InlineData("GET", "/fhir/Patient/1/NotAType")]
    public void Classify_UnknownShape_ReturnsUnknown(string method, string path)
    {
        FhirRequestClassifier.Classify(method, path, "/fhir").Interaction.Should().Be(FhirInteraction.Unknown);
    }

    [Fact]
    public void Classify_EmptyBasePath_ClassifiesFromRoot()
    {
        FhirRequestClassifier.Classify("GET", "/Observation/1", string.Empty).Interaction.Should().Be(FhirInteraction.Read);
    }
}
