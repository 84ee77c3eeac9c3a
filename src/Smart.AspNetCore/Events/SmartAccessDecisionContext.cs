using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Events;

/// <summary>
/// The context of <see cref="SmartOnFhirEvents.AccessDecision"/>: the resource server decided a FHIR request from the
/// token's scopes (RS-5), before the endpoint runs. The host observes the decision and may add its own policy with
/// <see cref="Deny"/>; it cannot turn a refusal into a permission. A denial is answered 403 with an OperationOutcome,
/// audited as <c>access-refused</c> and counted like any other. The token's full access context is
/// <c>HttpContext.GetSmartAccessContext()</c>.
/// </summary>
public sealed class SmartAccessDecisionContext
{
    internal SmartAccessDecisionContext(HttpContext httpContext, string? clientId, string? subject, string? patient, SmartScopeSet scopes, string interaction, string? resourceType, string? resourceId, bool isAllowed, string? denialReason)
    {
        HttpContext = httpContext;
        ClientId = clientId;
        Subject = subject;
        Patient = patient;
        Scopes = scopes;
        Interaction = interaction;
        ResourceType = resourceType;
        ResourceId = resourceId;
        IsAllowed = isAllowed;
        DenialReason = denialReason;
    }

    /// <summary>The current FHIR request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The token's <c>client_id</c>.</summary>
    public string? ClientId { get; }

    /// <summary>The token's subject (the user, or for backend services the client).</summary>
    public string? Subject { get; }

    /// <summary>The patient in context, when the token has one.</summary>
    public string? Patient { get; }

    /// <summary>The token's scopes.</summary>
    public SmartScopeSet Scopes { get; }

    /// <summary>The FHIR interaction (<c>read</c>, <c>search-type</c>, <c>create</c>, ..., as in <c>http://hl7.org/fhir/restful-interaction</c>).</summary>
    public string Interaction { get; }

    /// <summary>The resource type of the request, when there is one.</summary>
    public string? ResourceType { get; }

    /// <summary>The resource id of an instance-level request, when there is one.</summary>
    public string? ResourceId { get; }

    /// <summary>Gets whether the request is permitted (after any <see cref="Deny"/>).</summary>
    public bool IsAllowed { get; private set; }

    /// <summary>Gets the reason of a refusal, shown in the OperationOutcome and the audit event.</summary>
    public string? DenialReason { get; private set; }

    /// <summary>Refuses the request (host policy). A request already refused keeps its first reason.</summary>
    /// <param name="reason">Why, for the OperationOutcome and the audit trail; never a secret or patient data.</param>
    public void Deny(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (IsAllowed)
        {
            IsAllowed = false;
            DenialReason = reason;
        }
    }
}
