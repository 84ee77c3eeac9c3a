using System.Security.Claims;

namespace Smart.AspNetCore.Interaction;

/// <summary>
/// What the host's patient-picker and consent pages call. The library redirects the user to those pages with a
/// <c>request_id</c>; the page shows the request, and on submit calls one of these methods and redirects the browser
/// to the returned URL, where the authorization endpoint resumes. Only the user who is authorizing may act on a
/// request; for anyone else, and for unknown or expired requests, the methods return <see langword="null"/>.
/// </summary>
public interface ISmartAuthorizationInteraction
{
    /// <summary>Reads a pending request.</summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="requestId">The <c>request_id</c> query parameter.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The request, or <see langword="null"/>.</returns>
    Task<SmartAuthorizationRequestInfo?> GetRequestAsync(ClaimsPrincipal user, string requestId, CancellationToken cancellationToken = default);

    /// <summary>Records the patient (and optionally encounter) picked in a standalone launch (AUTHZ-14).</summary>
    /// <param name="user">The signed-in user; the host must have checked that this user may see the patient.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="patientId">The Patient logical id.</param>
    /// <param name="encounterId">An optional Encounter logical id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL to redirect the browser to, or <see langword="null"/>.</returns>
    Task<string?> SelectPatientAsync(ClaimsPrincipal user, string requestId, string patientId, string? encounterId = null, CancellationToken cancellationToken = default);

    /// <summary>Records the scopes the user approved; scopes that were not grantable are ignored.</summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="approvedScopes">The approved scope words (a subset of <see cref="SmartAuthorizationRequestInfo.Scopes"/>, possibly narrower granular scopes).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL to redirect the browser to, or <see langword="null"/>.</returns>
    Task<string?> ApproveAsync(ClaimsPrincipal user, string requestId, IEnumerable<string> approvedScopes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the approved scopes like <see cref="ApproveAsync"/> and, when <paramref name="breakGlassReason"/> is not
    /// empty, asks to "break the glass": if the host allows this user (<c>SmartOnFhirEvents.ValidateBreakGlass</c>) and a
    /// patient is in context, the grant made from this request is elevated (<c>SmartGrant.BreakGlass</c>) and may
    /// receive that patient's resources carrying a restricted security label; <c>SmartOnFhirEvents.BreakGlass</c>
    /// records it. Otherwise the reason is ignored and the approval is an ordinary one. The elevation holds for this
    /// grant and the tokens refreshed from it, never for a later authorization.
    /// </summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="approvedScopes">The approved scope words.</param>
    /// <param name="breakGlassReason">The reason the user typed, or <see langword="null"/>/empty for none.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL to redirect the browser to, or <see langword="null"/>.</returns>
    Task<string?> ApproveWithBreakGlassAsync(ClaimsPrincipal user, string requestId, IEnumerable<string> approvedScopes, string? breakGlassReason, CancellationToken cancellationToken = default);

    /// <summary>Records that the user denied the request; the app receives <c>access_denied</c>.</summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL to redirect the browser to, or <see langword="null"/>.</returns>
    Task<string?> DenyAsync(ClaimsPrincipal user, string requestId, CancellationToken cancellationToken = default);
}
