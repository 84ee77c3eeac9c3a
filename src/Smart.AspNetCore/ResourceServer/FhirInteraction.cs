namespace Smart.AspNetCore.ResourceServer;

/// <summary>The FHIR REST interaction a request performs (FHIR R4 http.html), as classified from method and path.</summary>
internal enum FhirInteraction
{
    /// <summary>A shape the classifier does not recognise; always denied (fail closed).</summary>
    Unknown,

    /// <summary><c>GET [base]/metadata</c>.</summary>
    Capabilities,

    /// <summary><c>GET [base]/[type]/[id]</c>.</summary>
    Read,

    /// <summary><c>GET [base]/[type]/[id]/_history/[vid]</c>.</summary>
    VRead,

    /// <summary><c>PUT [base]/[type]/[id]</c>.</summary>
    Update,

    /// <summary><c>PATCH [base]/[type]/[id]</c>.</summary>
    Patch,

    /// <summary><c>DELETE [base]/[type]/[id]</c>.</summary>
    Delete,

    /// <summary><c>PUT|PATCH [base]/[type]?[search]</c>: conditional update or patch.</summary>
    ConditionalUpdate,

    /// <summary><c>DELETE [base]/[type]?[search]</c>: conditional delete.</summary>
    ConditionalDelete,

    /// <summary><c>GET [base]/[type]/[id]/_history</c>.</summary>
    HistoryInstance,

    /// <summary><c>GET [base]/[type]/_history</c>.</summary>
    HistoryType,

    /// <summary><c>GET [base]/_history</c>.</summary>
    HistorySystem,

    /// <summary><c>POST [base]/[type]</c>.</summary>
    Create,

    /// <summary><c>GET [base]/[type]</c> or <c>POST [base]/[type]/_search</c>.</summary>
    SearchType,

    /// <summary><c>GET [base]</c> or <c>POST [base]/_search</c>.</summary>
    SearchSystem,

    /// <summary><c>GET [base]/[compartment]/[id]/[type]</c> (type may be <c>*</c>).</summary>
    SearchCompartment,

    /// <summary><c>GET|POST [base]/$[name]</c>.</summary>
    OperationSystem,

    /// <summary><c>GET|POST [base]/[type]/$[name]</c>.</summary>
    OperationType,

    /// <summary><c>GET|POST [base]/[type]/[id]/$[name]</c>.</summary>
    OperationInstance,

    /// <summary><c>POST [base]</c> with a batch or transaction Bundle.</summary>
    BatchOrTransaction,
}
