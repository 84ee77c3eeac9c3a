namespace Smart.AspNetCore.LaunchContext;

/// <summary>
/// One <c>fhirContext</c> entry (SMART 2.2 shape, CTX-4): at least one of <see cref="Reference"/>,
/// <see cref="Canonical"/> or <see cref="Identifier"/>, optionally with <see cref="Type"/> and <see cref="Role"/>.
/// </summary>
public sealed class SmartFhirContextItem
{
    /// <summary>A relative reference, for example <c>DiagnosticReport/dr-123</c>.</summary>
    public string? Reference { get; set; }

    /// <summary>A canonical URL, for example <c>https://example.org/Questionnaire/phq-9|2.0</c>.</summary>
    public string? Canonical { get; set; }

    /// <summary>A logical identifier.</summary>
    public SmartIdentifier? Identifier { get; set; }

    /// <summary>The FHIR resource type; recommended with <see cref="Canonical"/> and <see cref="Identifier"/>.</summary>
    public string? Type { get; set; }

    /// <summary>The role of the resource as an absolute URI (never empty, never <c>launch</c> for Patient/Encounter).</summary>
    public string? Role { get; set; }
}
