namespace Smart.AspNetCore.LaunchContext;

/// <summary>A FHIR Identifier used in a <c>fhirContext</c> entry.</summary>
public sealed class SmartIdentifier
{
    /// <summary>The identifier system (a URI).</summary>
    public string? System { get; set; }

    /// <summary>The identifier value.</summary>
    public string Value { get; set; } = string.Empty;
}
