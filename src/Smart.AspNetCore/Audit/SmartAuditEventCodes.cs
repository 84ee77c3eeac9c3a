namespace Smart.AspNetCore.Audit;

/// <summary>
/// The stable codes of the audit event kinds, in the code system <see cref="System"/>. They are the
/// <c>AuditEvent.subtype</c> of the FHIR mapping and the <c>EventCode</c> of the default log entries; codes are never
/// renamed or reused.
/// </summary>
public static class SmartAuditEventCodes
{
    /// <summary>The code system of the codes below.</summary>
    public const string System = "urn:smart-aspnetcore:audit-event-subtype";

    /// <summary>Code of <see cref="SmartAuditEventKind.AuthorizationGranted"/>.</summary>
    public const string AuthorizationGranted = "authorization-granted";

    /// <summary>Code of <see cref="SmartAuditEventKind.AuthorizationDenied"/>.</summary>
    public const string AuthorizationDenied = "authorization-denied";

    /// <summary>Code of <see cref="SmartAuditEventKind.CodeIssued"/>.</summary>
    public const string CodeIssued = "code-issued";

    /// <summary>Code of <see cref="SmartAuditEventKind.TokenIssued"/>.</summary>
    public const string TokenIssued = "token-issued";

    /// <summary>Code of <see cref="SmartAuditEventKind.TokenRefused"/>.</summary>
    public const string TokenRefused = "token-refused";

    /// <summary>Code of <see cref="SmartAuditEventKind.RefreshReuse"/>.</summary>
    public const string RefreshReuse = "refresh-reuse";

    /// <summary>Code of <see cref="SmartAuditEventKind.CodeReplay"/>.</summary>
    public const string CodeReplay = "code-replay";

    /// <summary>Code of <see cref="SmartAuditEventKind.Revocation"/>.</summary>
    public const string Revocation = "revocation";

    /// <summary>Code of <see cref="SmartAuditEventKind.Introspection"/>.</summary>
    public const string Introspection = "introspection";

    /// <summary>Code of <see cref="SmartAuditEventKind.BreakGlass"/>.</summary>
    public const string BreakGlass = "break-glass";

    /// <summary>Code of <see cref="SmartAuditEventKind.SessionEnd"/>.</summary>
    public const string SessionEnd = "session-end";

    /// <summary>Code of <see cref="SmartAuditEventKind.AccessRefused"/>.</summary>
    public const string AccessRefused = "access-refused";

    /// <summary>Code of <see cref="SmartAuditEventKind.AccessPermitted"/>.</summary>
    public const string AccessPermitted = "access-permitted";

    /// <summary>Gets the code of <paramref name="kind"/>.</summary>
    /// <param name="kind">The event kind.</param>
    /// <returns>The stable code.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static string For(SmartAuditEventKind kind) => kind switch
    {
        SmartAuditEventKind.AuthorizationGranted => AuthorizationGranted,
        SmartAuditEventKind.AuthorizationDenied => AuthorizationDenied,
        SmartAuditEventKind.CodeIssued => CodeIssued,
        SmartAuditEventKind.TokenIssued => TokenIssued,
        SmartAuditEventKind.TokenRefused => TokenRefused,
        SmartAuditEventKind.RefreshReuse => RefreshReuse,
        SmartAuditEventKind.CodeReplay => CodeReplay,
        SmartAuditEventKind.Revocation => Revocation,
        SmartAuditEventKind.Introspection => Introspection,
        SmartAuditEventKind.BreakGlass => BreakGlass,
        SmartAuditEventKind.SessionEnd => SessionEnd,
        SmartAuditEventKind.AccessRefused => AccessRefused,
        SmartAuditEventKind.AccessPermitted => AccessPermitted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown audit event kind."),
    };
}
