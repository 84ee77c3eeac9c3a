using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>The audit event of a replayed code or refresh token: the grant it ended (TOKEN-3, REFRESH-7).</summary>
internal static class GrantReplayAudit
{
    public static SmartAuditEvent Create(SmartAuditEventKind kind, SmartClient client, SmartGrant grant, TimeProvider time, HttpContext? http) =>
        new(kind, SmartAuditOutcome.Failure, time, http)
        {
            ClientId = client.ClientId,
            UserId = string.IsNullOrEmpty(grant.Subject) ? null : grant.Subject,
            FhirUser = grant.FhirUser,
            PatientId = grant.LaunchContext?.Patient,
            Scopes = grant.Scope,
            GrantIdHash = AccessTokenDefinition.GrantHash(grant.GrantId),
            Detail = "The grant was revoked.",
        };
}
