using System.Security.Claims;

namespace Smart.AspNetCore.Interaction;

/// <summary>
/// The patients a user may pick in the library's default patient picker (standalone launch, AUTHZ-14). The host
/// implements it over its own records; the picker offers exactly these patients and accepts no other.
/// </summary>
public interface ISmartPatientDirectory
{
    /// <summary>Lists the patients <paramref name="user"/> may open an app for.</summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The patients, in the order to show them.</returns>
    Task<IReadOnlyList<SmartPatientChoice>> GetPatientsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);
}
