namespace Smart.AspNetCore.Testing;

/// <summary>What an access token minted for a test carries.</summary>
public sealed class SmartTestTokenRequest
{
    /// <summary>The granted scopes, space-separated (for example <c>patient/Observation.rs launch/patient</c>).</summary>
    public required string Scope { get; init; }

    /// <summary>The patient in context (the <c>patient</c> claim), if any.</summary>
    public string? Patient { get; init; }

    /// <summary>The encounter in context (the <c>encounter</c> claim), if any.</summary>
    public string? Encounter { get; init; }

    /// <summary>The user's FHIR resource, relative (for example <c>Practitioner/prac-001</c>), for the <c>fhirUser</c> claim.</summary>
    public string? FhirUser { get; init; }

    /// <summary>
    /// The client. A registered client's settings apply (lifetime, backend kind). When <see langword="null"/>,
    /// <see cref="SmartTestTokens.DefaultClientId"/>: the registered client of that id or, when there is none, a public client of that id.
    /// </summary>
    public string? ClientId { get; init; }

    /// <summary>The <c>sub</c> claim; <see cref="SmartTestTokens.DefaultSubject"/> when <see langword="null"/>.</summary>
    public string? Subject { get; init; }

    /// <summary>Whether the grant broke the glass (access to restricted resources of the patient in context).</summary>
    public bool BreakGlass { get; init; }
}
