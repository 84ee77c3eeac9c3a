namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// The outcome of authorizing one FHIR request before its handler runs (RS-5): allowed or denied (with a reason for
/// the OperationOutcome), and which checks must still run on the request body and on the response.
/// </summary>
internal readonly record struct SmartAccessDecision(bool IsAllowed, bool CheckRequestBody, bool CheckResponse, string? DenialReason)
{
    public static SmartAccessDecision Allow => new(true, false, false, null);

    public static SmartAccessDecision Deny(string reason) => new(false, false, false, reason);
}
