using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Smart.Sample.Ehr.Accounts;

/// <summary>
/// The demo accounts: <c>clinician</c>/<c>clinician</c> and <c>patient</c>/<c>patient</c>. Demo passwords are kept in
/// plain text here; a real EHR uses its identity system (ASP.NET Core Identity, an IdP, ...).
/// </summary>
public sealed class DemoUserStore
{
    private readonly Dictionary<string, (byte[] Password, DemoUser User)> _users = new(StringComparer.Ordinal)
    {
        ["clinician"] = (Encoding.UTF8.GetBytes("clinician"), new DemoUser("clinician", "Dr. Alex Morgan", "Practitioner/prac-001", DemoRoles.Clinician)),
        ["patient"] = (Encoding.UTF8.GetBytes("patient"), new DemoUser("patient", "Emma Rivera", "Patient/peds-001", DemoRoles.Patient)),
    };

    private static readonly byte[] s_dummyPassword = new byte[16];

    /// <summary>Checks a username and password; returns the user, or <see langword="null"/>.</summary>
    public DemoUser? Validate(string? username, string? password)
    {
        var given = Encoding.UTF8.GetBytes(password ?? string.Empty);
        if (username is null || !_users.TryGetValue(username, out var entry))
        {
            // Compare anyway so unknown users take the same time as wrong passwords.
            CryptographicOperations.FixedTimeEquals(given, s_dummyPassword);
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(given, entry.Password) ? entry.User : null;
    }

    /// <summary>Whether <paramref name="username"/> is a demo account.</summary>
    public bool Exists(string? username) => username is not null && _users.ContainsKey(username);

    /// <summary>The principal signed in for <paramref name="user"/>.</summary>
    public static ClaimsPrincipal CreatePrincipal(DemoUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Username),
                new Claim(ClaimTypes.Name, user.DisplayName),
                new Claim(ClaimTypes.Role, user.Role),
                new Claim(DemoRoles.FhirUserClaim, user.FhirUser),

                // A login-session id: SMART online_access grants end with the session it names (REFRESH-9).
                new Claim("sid", Convert.ToHexString(RandomNumberGenerator.GetBytes(16))),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}
