using System.Globalization;
using Hl7.Fhir.Model;

namespace Smart.AspNetCore.Audit;

/// <summary>
/// Maps a <see cref="SmartAuditEvent"/> to a FHIR R4 <see cref="AuditEvent"/> shaped after the IHE Basic Audit Log
/// Patterns (BALP): <c>type</c> and <c>subtype</c> (the event code in <see cref="SmartAuditEventCodes.System"/>, and for
/// resource-server events the FHIR interaction), <c>action</c>, <c>outcome</c> (<c>0</c> success, <c>4</c> refused or
/// denied), one agent for the app and one for the user, the server as <c>source</c>, the patient as an entity and the
/// grant (hash, scopes, grant type, break-glass reason) as another. The result never holds a token, code or secret,
/// because the audit event never does. See docs/audit-and-telemetry.md for the mapping table.
/// </summary>
public static class SmartFhirAuditEventMapper
{
    /// <summary>The identifier system of the app agent's <c>client_id</c>.</summary>
    public const string ClientIdSystem = "urn:smart-aspnetcore:client-id";

    /// <summary>The identifier system of the user agent's subject identifier.</summary>
    public const string UserIdSystem = "urn:smart-aspnetcore:user";

    /// <summary>The identifier system of the grant entity (the SHA-256 hash of the grant id, the tokens' <c>gid</c> claim).</summary>
    public const string GrantIdHashSystem = "urn:smart-aspnetcore:grant-id-hash";

    private const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
    private const string AuditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private const string RestfulInteraction = "http://hl7.org/fhir/restful-interaction";
    private const string SecurityRoleType = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
    private const string EntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private const string ObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";
    private const string ResourceTypes = "http://hl7.org/fhir/resource-types";
    private const string SourceType = "http://terminology.hl7.org/CodeSystem/security-source-type";
    private const string ActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /// <summary>Maps <paramref name="auditEvent"/> to a new <see cref="AuditEvent"/> (without an id).</summary>
    /// <param name="auditEvent">The library's audit event.</param>
    /// <param name="observer">
    /// Names the server that recorded the event (<c>AuditEvent.source.observer.display</c> and <c>source.site</c>), for
    /// example the FHIR base URL.
    /// </param>
    /// <returns>The AuditEvent resource.</returns>
    public static AuditEvent ToAuditEvent(SmartAuditEvent auditEvent, string observer)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(observer);

        var resource = new AuditEvent
        {
            Type = TypeOf(auditEvent.Kind),
            Subtype = [new Coding(SmartAuditEventCodes.System, auditEvent.Code, Display(auditEvent.Kind))],
            Action = ActionOf(auditEvent),
            Recorded = auditEvent.Timestamp,
            Outcome = auditEvent.Outcome == SmartAuditOutcome.Success ? AuditEvent.AuditEventOutcome.N0 : AuditEvent.AuditEventOutcome.N4,
            OutcomeDesc = OutcomeDescription(auditEvent),
            Source = new AuditEvent.SourceComponent
            {
                Site = observer,
                Observer = new ResourceReference { Display = observer },
                Type = [new Coding(SourceType, "4", "Application Server")],
            },
        };

        if (IsResourceServerEvent(auditEvent.Kind) && auditEvent.Interaction is { Length: > 0 } interaction)
        {
            resource.Subtype.Add(new Coding(RestfulInteraction, interaction));
        }

        if (auditEvent.Kind == SmartAuditEventKind.BreakGlass)
        {
            resource.PurposeOfEvent = [BreakTheGlass()];
        }

        AddAgents(resource, auditEvent);
        AddEntities(resource, auditEvent);
        return resource;
    }

    private static void AddAgents(AuditEvent resource, SmartAuditEvent auditEvent)
    {
        var hasUser = auditEvent.UserId is { Length: > 0 } && !string.Equals(auditEvent.UserId, auditEvent.ClientId, StringComparison.Ordinal);
        var network = auditEvent.RemoteAddress is { Length: > 0 } address
            ? new AuditEvent.NetworkComponent { Address = address, Type = AuditEvent.AuditEventAgentNetworkType.N2 }
            : null;

        if (auditEvent.ClientId is { Length: > 0 } clientId)
        {
            resource.Agent.Add(new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept(Dicom, "110150", "Application"),
                Who = new ResourceReference { Identifier = new Identifier(ClientIdSystem, clientId), Display = clientId },
                Name = clientId,
                Requestor = !hasUser,
                Network = hasUser ? null : network,
            });
        }

        if (hasUser)
        {
            var user = new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept(SecurityRoleType, "humanuser", "human user"),
                Who = new ResourceReference
                {
                    Reference = auditEvent.FhirUser is { Length: > 0 } fhirUser ? fhirUser : null,
                    Identifier = new Identifier(UserIdSystem, auditEvent.UserId),
                },
                AltId = auditEvent.UserId,
                Requestor = true,
                Network = network,
            };
            if (auditEvent.Kind == SmartAuditEventKind.BreakGlass)
            {
                user.PurposeOfUse = [BreakTheGlass()];
            }

            resource.Agent.Add(user);
        }

        if (resource.Agent.Count == 0)
        {
            // An unauthenticated caller (a token request without a known client): AuditEvent.agent is 1..*.
            resource.Agent.Add(new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept(Dicom, "110153", "Source Role ID"),
                Who = new ResourceReference { Display = "unauthenticated caller" },
                Requestor = true,
                Network = network,
            });
        }
    }

    private static void AddEntities(AuditEvent resource, SmartAuditEvent auditEvent)
    {
        if (auditEvent.PatientId is { Length: > 0 } patientId)
        {
            resource.Entity.Add(new AuditEvent.EntityComponent
            {
                What = new ResourceReference("Patient/" + patientId),
                Type = new Coding(EntityType, "1", "Person"),
                Role = new Coding(ObjectRole, "1", "Patient"),
            });
        }

        if (IsResourceServerEvent(auditEvent.Kind) && auditEvent.ResourceType is { Length: > 0 } resourceType)
        {
            resource.Entity.Add(new AuditEvent.EntityComponent
            {
                Type = new Coding(ResourceTypes, resourceType),
                Role = new Coding(ObjectRole, "4", "Domain Resource"),
            });
        }

        var details = new List<AuditEvent.DetailComponent>();
        AddDetail(details, "scope", auditEvent.Scopes);
        AddDetail(details, "grant_type", auditEvent.GrantType);
        AddDetail(details, "break_glass_reason", auditEvent.BreakGlassReason);
        AddDetail(details, "correlation_id", auditEvent.CorrelationId);
        AddDetail(details, "trace_id", auditEvent.TraceId);
        if (auditEvent.GrantIdHash is not { Length: > 0 } && details.Count == 0)
        {
            return;
        }

        resource.Entity.Add(new AuditEvent.EntityComponent
        {
            What = auditEvent.GrantIdHash is { Length: > 0 } hash ? new ResourceReference { Identifier = new Identifier(GrantIdHashSystem, hash) } : null,
            Type = new Coding(EntityType, "2", "System Object"),
            Description = "SMART authorization grant",
            Detail = details,
        });
    }

    private static void AddDetail(List<AuditEvent.DetailComponent> details, string type, string? value)
    {
        if (value is { Length: > 0 })
        {
            details.Add(new AuditEvent.DetailComponent { Type = type, Value = new FhirString(value) });
        }
    }

    private static Coding TypeOf(SmartAuditEventKind kind) => kind switch
    {
        SmartAuditEventKind.AccessRefused or SmartAuditEventKind.AccessPermitted => new Coding(AuditEventType, "rest", "RESTful Operation"),
        SmartAuditEventKind.RefreshReuse or SmartAuditEventKind.CodeReplay or SmartAuditEventKind.BreakGlass => new Coding(Dicom, "110113", "Security Alert"),
        _ => new Coding(Dicom, "110114", "User Authentication"),
    };

    private static AuditEvent.AuditEventAction ActionOf(SmartAuditEvent auditEvent)
    {
        if (!IsResourceServerEvent(auditEvent.Kind))
        {
            return AuditEvent.AuditEventAction.E;
        }

        return auditEvent.Interaction switch
        {
            "read" or "vread" or "search-type" or "search-system" or "history-instance" or "history-type" or "history-system" or "capabilities" => AuditEvent.AuditEventAction.R,
            "create" => AuditEvent.AuditEventAction.C,
            "update" or "patch" => AuditEvent.AuditEventAction.U,
            "delete" => AuditEvent.AuditEventAction.D,
            _ => AuditEvent.AuditEventAction.E,
        };
    }

    private static string? OutcomeDescription(SmartAuditEvent auditEvent)
    {
        var parts = new[] { auditEvent.ErrorId, auditEvent.Error, auditEvent.Detail }.Where(p => p is { Length: > 0 }).ToArray();
        return parts.Length == 0 ? null : string.Join(" ", parts);
    }

    private static bool IsResourceServerEvent(SmartAuditEventKind kind) =>
        kind is SmartAuditEventKind.AccessRefused or SmartAuditEventKind.AccessPermitted;

    private static CodeableConcept BreakTheGlass() => new(ActReason, "BTG", "break the glass");

    private static string Display(SmartAuditEventKind kind) => kind switch
    {
        SmartAuditEventKind.AuthorizationGranted => "Authorization granted",
        SmartAuditEventKind.AuthorizationDenied => "Authorization denied",
        SmartAuditEventKind.CodeIssued => "Authorization code issued",
        SmartAuditEventKind.TokenIssued => "Token issued",
        SmartAuditEventKind.TokenRefused => "Token request refused",
        SmartAuditEventKind.RefreshReuse => "Refresh token reuse detected",
        SmartAuditEventKind.CodeReplay => "Authorization code replay detected",
        SmartAuditEventKind.Revocation => "Token revocation",
        SmartAuditEventKind.Introspection => "Token introspection",
        SmartAuditEventKind.BreakGlass => "Break-glass access",
        SmartAuditEventKind.SessionEnd => "Session ended",
        SmartAuditEventKind.AccessRefused => "FHIR access refused",
        SmartAuditEventKind.AccessPermitted => "FHIR access permitted",
        _ => kind.ToString(),
    };
}
