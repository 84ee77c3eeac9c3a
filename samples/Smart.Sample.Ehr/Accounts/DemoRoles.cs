namespace Smart.Sample.Ehr.Accounts;

/// <summary>Roles and claim types of the demo accounts.</summary>
public static class DemoRoles
{
    /// <summary>A clinician: sees every patient and can launch apps.</summary>
    public const string Clinician = "clinician";

    /// <summary>A patient: sees their own chart only.</summary>
    public const string Patient = "patient";

    /// <summary>The claim holding the user's FHIR resource (SMART's <c>fhirUser</c>).</summary>
    public const string FhirUserClaim = "fhirUser";
}
