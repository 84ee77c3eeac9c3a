using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Decides a classified FHIR request from the granted scopes (RS-1, RS-5..RS-9) before the handler runs. Allocation-free
/// on the allow path. v1 and v2 scopes are compared by their permission flags (SCOPE-4); contexts combine as a union.
/// </summary>
internal static class SmartAccessDecider
{
    public static SmartAccessDecision Decide(SmartAccessContext access, in FhirRequest request, SmartResourceServerOptions options)
    {
        var interaction = request.Interaction;
        SmartPermissions permission;
        string? type = request.ResourceType;
        switch (interaction)
        {
            case FhirInteraction.Capabilities:
                return SmartAccessDecision.Allow;
            case FhirInteraction.BatchOrTransaction:
                // Each entry is authorized on its own by SmartBatchAuthorizer (RS-9).
                return new SmartAccessDecision(true, true, !access.ReadsEverything, null);
            case FhirInteraction.Read or FhirInteraction.VRead or FhirInteraction.HistoryInstance:
                permission = SmartPermissions.Read;
                break;
            case FhirInteraction.Update or FhirInteraction.Patch or FhirInteraction.ConditionalUpdate:
                permission = SmartPermissions.Update;
                break;
            case FhirInteraction.Delete or FhirInteraction.ConditionalDelete:
                permission = SmartPermissions.Delete;
                break;
            case FhirInteraction.Create:
                permission = SmartPermissions.Create;
                break;
            case FhirInteraction.SearchType or FhirInteraction.HistoryType or FhirInteraction.SearchCompartment:
                permission = SmartPermissions.Search;
                break;
            case FhirInteraction.SearchSystem or FhirInteraction.HistorySystem:
                permission = SmartPermissions.Search;
                type = "*";
                break;
            case FhirInteraction.OperationSystem or FhirInteraction.OperationType or FhirInteraction.OperationInstance:
                if (!TryGetOperationPermission(options, request.OperationName, out permission))
                {
                    return SmartAccessDecision.Deny("The operation is not enabled for SMART access tokens.");
                }

                type ??= "*";
                break;
            default:
                return SmartAccessDecision.Deny("The request is not a recognised FHIR REST interaction.");
        }

        if (type is null)
        {
            return SmartAccessDecision.Deny("The request is not a recognised FHIR REST interaction.");
        }

        var unrestricted = false;
        var constrained = false;
        var outsideCompartment = false;
        var unverifiableWrite = interaction is FhirInteraction.Update or FhirInteraction.Patch or FhirInteraction.Delete
            or FhirInteraction.ConditionalUpdate or FhirInteraction.ConditionalDelete;
        foreach (var scope in access.Scopes.Scopes)
        {
            if (!access.AppliesTo(scope, type, permission, out var compartment))
            {
                continue;
            }

            if (compartment)
            {
                if (request.IsInstance && string.Equals(type, "Patient", StringComparison.Ordinal))
                {
                    // Patient/{id}: the URL proves membership; another patient is denied before the handler (RS-6).
                    if (!request.Id.SequenceEqual(access.Patient))
                    {
                        outsideCompartment = true;
                        continue;
                    }

                    compartment = false;
                }
                else if (interaction == FhirInteraction.SearchCompartment
                    && string.Equals(request.CompartmentType, "Patient", StringComparison.Ordinal)
                    && !request.Id.SequenceEqual(access.Patient))
                {
                    outsideCompartment = true;
                    continue;
                }
            }

            if (!compartment && !scope.IsConstrained)
            {
                unrestricted = true;
                break;
            }

            // A constrained grant can check a create's body and a response, but not the stored version an update,
            // patch or delete overwrites: the host must opt in and check it with SmartAccessContext.IsPermitted.
            if (unverifiableWrite && !(options.AllowUnverifiableWrites && interaction != FhirInteraction.ConditionalUpdate && interaction != FhirInteraction.ConditionalDelete))
            {
                continue;
            }

            constrained = true;
        }

        if (unrestricted)
        {
            return new SmartAccessDecision(true, false, MayReturnOtherTypes(interaction) && !access.ReadsEverything, null);
        }

        if (constrained)
        {
            return new SmartAccessDecision(true, interaction is FhirInteraction.Create or FhirInteraction.Update, true, null);
        }

        // The scopes cover the type, but only for the patient in context, and this request names another patient.
        return SmartAccessDecision.Deny(outsideCompartment ? CompartmentDenialMessage : DenialMessage(interaction, type));
    }

    /// <summary>The reason when a <c>patient/</c> scope covers the type but the request names another patient (no ids: it is logged).</summary>
    internal const string CompartmentDenialMessage =
        "The requested patient is outside the access token's patient compartment: patient/ scopes permit only the patient in context (the token's 'patient').";

    internal static string DenialMessage(FhirInteraction interaction, string type)
    {
        var verb = interaction switch
        {
            FhirInteraction.Read or FhirInteraction.VRead => "read",
            FhirInteraction.HistoryInstance or FhirInteraction.HistoryType or FhirInteraction.HistorySystem => "history",
            FhirInteraction.Update or FhirInteraction.Patch or FhirInteraction.ConditionalUpdate => "update",
            FhirInteraction.Delete or FhirInteraction.ConditionalDelete => "delete",
            FhirInteraction.Create => "create",
            FhirInteraction.OperationInstance or FhirInteraction.OperationType or FhirInteraction.OperationSystem => "this operation",
            _ => "search",
        };
        return type == "*" ? $"Granted scopes do not permit {verb} on all resource types" : $"Granted scopes do not permit {verb} on {type}";
    }

    /// <summary>Responses that are Bundles may carry other types (<c>_include</c>, <c>_revinclude</c>, compartments, operations).</summary>
    private static bool MayReturnOtherTypes(FhirInteraction interaction) => interaction is FhirInteraction.SearchType
        or FhirInteraction.SearchSystem or FhirInteraction.SearchCompartment or FhirInteraction.HistoryType
        or FhirInteraction.HistorySystem or FhirInteraction.HistoryInstance or FhirInteraction.OperationSystem
        or FhirInteraction.OperationType or FhirInteraction.OperationInstance;

    private static bool TryGetOperationPermission(SmartResourceServerOptions options, ReadOnlySpan<char> name, out SmartPermissions permission)
    {
        foreach (var (operation, required) in options.Operations)
        {
            if (name.SequenceEqual(operation.AsSpan().TrimStart('$')))
            {
                permission = required;
                return required != SmartPermissions.None;
            }
        }

        permission = SmartPermissions.None;
        return false;
    }
}
