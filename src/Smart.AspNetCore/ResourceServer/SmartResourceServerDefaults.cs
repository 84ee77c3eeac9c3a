namespace Smart.AspNetCore.ResourceServer;

/// <summary>Names used by the SMART resource server (the protection of the host's FHIR API).</summary>
public static class SmartResourceServerDefaults
{
    /// <summary>The authentication scheme that validates SMART access tokens: <c>SmartOnFhir</c>.</summary>
    public const string AccessTokenScheme = "SmartOnFhir";

    /// <summary>The authorization policy added by <c>RequireSmartAuthorization()</c>: <c>SmartOnFhir</c>.</summary>
    public const string PolicyName = "SmartOnFhir";

    /// <summary>The media type of FHIR JSON: <c>application/fhir+json</c>.</summary>
    public const string FhirJsonMediaType = "application/fhir+json";
}
