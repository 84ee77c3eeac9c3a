using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.Events;

/// <summary>
/// The context of <see cref="SmartOnFhirEvents.ValidateBreakGlass"/> and <see cref="SmartOnFhirEvents.BreakGlass"/>:
/// a user asked, on the host's consent page, to "break the glass" for one authorization (the seed article's "break
/// glass reason" for sensitive data), so that the grant may receive resources carrying a restricted security label
/// (<see cref="ResourceServer.SmartResourceServerOptions.RestrictedSecurityLabels"/>) of the patient in context.
/// </summary>
public sealed class SmartBreakGlassContext
{
    internal SmartBreakGlassContext(HttpContext? httpContext, ClaimsPrincipal user, string clientId, string subject, string patient, string reason)
    {
        HttpContext = httpContext;
        User = user;
        ClientId = clientId;
        Subject = subject;
        Patient = patient;
        Reason = reason;
    }

    /// <summary>The current request, when there is one.</summary>
    public HttpContext? HttpContext { get; }

    /// <summary>The signed-in user breaking the glass.</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>The app (<c>client_id</c>) the grant is made to.</summary>
    public string ClientId { get; }

    /// <summary>The user's subject identifier.</summary>
    public string Subject { get; }

    /// <summary>The id of the patient in context whose restricted resources the grant may then receive.</summary>
    public string Patient { get; }

    /// <summary>The reason the user gave (trimmed, at most 500 characters). Audit data: never write it to logs.</summary>
    public string Reason { get; }

    /// <summary>
    /// Gets or sets a value indicating whether this user may break the glass. <see langword="false"/> by default: the
    /// host decides in <see cref="SmartOnFhirEvents.ValidateBreakGlass"/> (for example, clinicians only). Setting it in
    /// <see cref="SmartOnFhirEvents.BreakGlass"/> has no effect.
    /// </summary>
    public bool IsAllowed { get; set; }
}
