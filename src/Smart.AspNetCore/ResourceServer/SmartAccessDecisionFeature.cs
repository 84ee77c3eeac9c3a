namespace Smart.AspNetCore.ResourceServer;

/// <summary>The decision for the current request, stored in <c>HttpContext.Features</c> by the requirement handler.</summary>
internal sealed class SmartAccessDecisionFeature(FhirRequest request, SmartAccessDecision decision)
{
    public FhirRequest Request { get; } = request;

    public SmartAccessDecision Decision { get; set; } = decision;
}
