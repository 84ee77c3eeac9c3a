namespace Smart.AspNetCore.ResourceServer;

/// <summary>The FHIR R4 <c>restful-interaction</c> code of a classified interaction (for audit events; constants, no allocation).</summary>
internal static class FhirInteractionCodes
{
    public static string? Of(FhirInteraction interaction) => interaction switch
    {
        FhirInteraction.Capabilities => "capabilities",
        FhirInteraction.Read => "read",
        FhirInteraction.VRead => "vread",
        FhirInteraction.Update or FhirInteraction.ConditionalUpdate => "update",
        FhirInteraction.Patch => "patch",
        FhirInteraction.Delete or FhirInteraction.ConditionalDelete => "delete",
        FhirInteraction.HistoryInstance => "history-instance",
        FhirInteraction.HistoryType => "history-type",
        FhirInteraction.HistorySystem => "history-system",
        FhirInteraction.Create => "create",
        FhirInteraction.SearchType or FhirInteraction.SearchCompartment => "search-type",
        FhirInteraction.SearchSystem => "search-system",
        FhirInteraction.OperationSystem or FhirInteraction.OperationType or FhirInteraction.OperationInstance => "operation",
        FhirInteraction.BatchOrTransaction => "transaction",
        _ => null,
    };
}
