namespace Smart.AspNetCore.Audit;

/// <summary>The outcome of an audited decision.</summary>
public enum SmartAuditOutcome
{
    /// <summary>The request succeeded (FHIR <c>AuditEvent.outcome</c> <c>0</c>).</summary>
    Success,

    /// <summary>The request was refused or denied (FHIR <c>AuditEvent.outcome</c> <c>4</c>).</summary>
    Failure,
}
