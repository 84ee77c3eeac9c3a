namespace Smart.Sample.Ehr.Accounts;

/// <summary>A demo account of the EHR.</summary>
/// <param name="Username">The login name.</param>
/// <param name="DisplayName">The name shown in the header.</param>
/// <param name="FhirUser">The FHIR resource of the user (<c>Practitioner/…</c> or <c>Patient/…</c>).</param>
/// <param name="Role">The role: <see cref="DemoRoles.Clinician"/> or <see cref="DemoRoles.Patient"/>.</param>
public sealed record DemoUser(string Username, string DisplayName, string FhirUser, string Role);
