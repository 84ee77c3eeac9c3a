using CsCheck;
using Smart.AspNetCore.ResourceServer;

namespace Smart.AspNetCore.Tests.Generated;

/// <summary>
/// Generated-input properties of the FHIR request classifier (RS-1, RS-5): total, fails closed on anything outside the
/// base or off the REST grammar, and whatever it recognises is well formed.
/// </summary>
public sealed class FhirClassifierProperties
{
    private static readonly Gen<string> s_segment = Gen.Frequency(
        (3, Gen.OneOf("Patient", "Observation", "Condition", "Encounter", "metadata", "_search", "_history", "$export", "$everything", "*", "123", "peds-001", "o.1", "")),
        (1, Generators.OneOf("patient", "Observation%2F1", "..", ".", "$", "$bad op", new string('a', 65), "_history")));

    private static readonly Gen<string> s_path = Gen.Select(
        Generators.OneOf("/fhir", "/FHIR", "/fhirx", "", "/other", "/fhir/"),
        s_segment.Array[0, 6],
        Gen.Bool,
        static (basePath, segments, trailing) => basePath + (segments.Length == 0 ? string.Empty : "/" + string.Join('/', segments)) + (trailing ? "/" : string.Empty));

    private static readonly Gen<string> s_method = Generators.OneOf("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get", "TRACE");

    [Fact] // RS-5: never throws; a recognised request names a known type and a valid id.
    public void Classify_AnyPath_IsUnknownOrWellFormed() =>
        Gen.Select(s_method, s_path).Sample((method, path) =>
        {
            var request = FhirRequestClassifier.Classify(method, path, "/fhir");
            if (request.Interaction == FhirInteraction.Unknown)
            {
                return;
            }

            path.StartsWith("/fhir", StringComparison.OrdinalIgnoreCase).Should().BeTrue(path);
            if (request.ResourceType is { } type)
            {
                (type == "*" || FhirResourceTypes.Find(type) == type).Should().BeTrue($"{type} from {path}");
            }

            if (!request.Id.IsEmpty)
            {
                FhirRequestClassifier.IsId(request.Id).Should().BeTrue(path);
                path.Contains(request.Id.ToString(), StringComparison.Ordinal).Should().BeTrue(path);
            }

            if (request.IsInstance)
            {
                request.Id.IsEmpty.Should().BeFalse($"{request.Interaction} on {path} names an instance");
            }
        }, iter: 5000);

    [Fact] // The same request classifies the same way every time, and one trailing slash changes nothing.
    public void Classify_AnyPath_IsDeterministicAndIgnoresOneTrailingSlash() =>
        Gen.Select(s_method, s_path).Sample((method, path) =>
        {
            var first = FhirRequestClassifier.Classify(method, path, "/fhir");
            var second = FhirRequestClassifier.Classify(method, path, "/fhir");
            second.Interaction.Should().Be(first.Interaction);
            second.ResourceType.Should().Be(first.ResourceType);

            if (path.Length > "/fhir".Length && !path.EndsWith('/'))
            {
                var slashed = FhirRequestClassifier.Classify(method, path + "/", "/fhir");
                slashed.Interaction.Should().Be(first.Interaction, path);
                slashed.Id.ToString().Should().Be(first.Id.ToString(), path);
            }
        }, iter: 5000);

    [Fact] // Requests outside the FHIR base are never classified.
    public void Classify_OutsideBase_IsUnknown() =>
        Gen.Select(s_method, Generators.Text(30)).Sample((method, rest) =>
        {
            var path = "/api" + rest;
            FhirRequestClassifier.Classify(method, path, "/fhir").Interaction.Should().Be(FhirInteraction.Unknown);
        }, iter: 2000);
}
