using System.Globalization;
using System.Security.Claims;

namespace Smart.AspNetCore.Users;

/// <summary>The identity facts the library takes from the host's authenticated principal.</summary>
internal sealed record SmartUser(string Subject, string? FhirUser, string SessionId, DateTimeOffset? AuthTime)
{
    public static SmartUser? From(ClaimsPrincipal? principal, SmartInteractionOptions options, DateTimeOffset? issuedUtc = null)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var subject = principal.FindFirst(options.SubjectClaimType)?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        var fhirUser = principal.FindFirst(options.FhirUserClaimType)?.Value;
        var authTime = issuedUtc;
        if (principal.FindFirst("auth_time")?.Value is { } authTimeClaim
            && long.TryParse(authTimeClaim, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            authTime = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        var sessionId = principal.FindFirst(options.SessionIdClaimType)?.Value
            ?? (authTime is { } t ? subject + "@" + t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : subject);
        return new SmartUser(subject, string.IsNullOrEmpty(fhirUser) ? null : fhirUser, sessionId, authTime);
    }

    /// <summary>The patient id when the user is a patient (<c>fhirUser</c> = <c>Patient/x</c>), else <see langword="null"/>.</summary>
    public string? PatientId
    {
        get
        {
            if (FhirUser is null)
            {
                return null;
            }

            var relative = FhirUser;
            var index = relative.LastIndexOf("Patient/", StringComparison.Ordinal);
            if (index < 0 || (index > 0 && relative[index - 1] != '/'))
            {
                return null;
            }

            var id = relative[(index + "Patient/".Length)..];
            return id.Length > 0 && !id.Contains('/', StringComparison.Ordinal) ? id : null;
        }
    }
}
