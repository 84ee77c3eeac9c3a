using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Smart.AspNetCore.Tests.Audit;

/// <summary>
/// Firely's validator against the R4 specification (the <c>specification.zip</c> of Hl7.Fhir.Specification.Data.R4,
/// copied to the test output; no download). Built once per test class: loading the spec takes seconds.
/// </summary>
public sealed class R4Validator
{
    private readonly Validator validator;

    public R4Validator()
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        validator = new Validator(resolver, new LocalTerminologyService(resolver));
    }

    /// <summary>Validates against the core profile of the resource type; returns the error and fatal issues.</summary>
    public IReadOnlyList<string> Errors(Resource resource)
    {
        var outcome = validator.Validate(resource, "http://hl7.org/fhir/StructureDefinition/" + resource.TypeName);
        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Severity} {string.Join(",", i.Expression ?? [])}: {i.Details?.Text ?? i.Diagnostics}")
            .ToList();
    }
}
