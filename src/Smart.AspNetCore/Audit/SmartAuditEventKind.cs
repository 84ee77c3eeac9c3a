namespace Smart.AspNetCore.Audit;

/// <summary>
/// What a <see cref="SmartAuditEvent"/> records. Each kind has a stable code in <see cref="SmartAuditEventCodes"/>
/// (the <c>AuditEvent.subtype</c> of the FHIR mapping); see docs/audit-and-telemetry.md for the catalogue.
/// </summary>
public enum SmartAuditEventKind
{
    /// <summary>The authorization endpoint granted an authorization (the user approved, or no consent was needed).</summary>
    AuthorizationGranted,

    /// <summary>The authorization endpoint refused a request: by the user (<c>SMART-AUTHZ-024</c>, <c>SMART-AUTHZ-027</c>) or by policy (any other error id).</summary>
    AuthorizationDenied,

    /// <summary>An authorization code was issued.</summary>
    CodeIssued,

    /// <summary>The token endpoint issued tokens (see <see cref="SmartAuditEvent.GrantType"/>).</summary>
    TokenIssued,

    /// <summary>The token endpoint refused a request (see <see cref="SmartAuditEvent.ErrorId"/>).</summary>
    TokenRefused,

    /// <summary>A used refresh token was presented again; its grant (the token family) was revoked (REFRESH-7).</summary>
    RefreshReuse,

    /// <summary>An authorization code was presented again; the grant it produced was revoked (TOKEN-3).</summary>
    CodeReplay,

    /// <summary>A revocation request (RFC 7009): a token or grant was revoked, or the request was refused.</summary>
    Revocation,

    /// <summary>An introspection request (RFC 7662), answered or refused.</summary>
    Introspection,

    /// <summary>Emergency access ("break the glass") with the user's reason in <see cref="SmartAuditEvent.BreakGlassReason"/>.</summary>
    BreakGlass,

    /// <summary>The host ended a user's session; the session's <c>online_access</c> grants ended (REFRESH-9).</summary>
    SessionEnd,

    /// <summary>The resource server refused a FHIR request: an invalid token (401) or insufficient scope (403).</summary>
    AccessRefused,

    /// <summary>The resource server permitted a FHIR request. Raised only when <see cref="SmartAuditOptions.RecordPermittedAccess"/> is on.</summary>
    AccessPermitted,
}
