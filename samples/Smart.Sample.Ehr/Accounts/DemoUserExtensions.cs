using System.Security.Claims;

namespace Smart.Sample.Ehr.Accounts;

/// <summary>What a signed-in demo user may see.</summary>
public static class DemoUserExtensions
{
    /// <summary>Whether the user is a clinician.</summary>
    public static bool IsClinician(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(DemoRoles.Clinician);
    }

    /// <summary>The patient id of a patient user (from <c>fhirUser</c> = <c>Patient/{id}</c>), otherwise <see langword="null"/>.</summary>
    public static string? OwnPatientId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var fhirUser = user.FindFirstValue(DemoRoles.FhirUserClaim);
        return user.IsInRole(DemoRoles.Patient) && fhirUser is not null && fhirUser.StartsWith("Patient/", StringComparison.Ordinal)
            ? fhirUser["Patient/".Length..]
            : null;
    }

    /// <summary>Clinicians see every chart; a patient sees only their own.</summary>
    public static bool CanSeePatient(this ClaimsPrincipal user, string patientId) =>
        user.IsClinician() || string.Equals(user.OwnPatientId(), patientId, StringComparison.Ordinal);
}
