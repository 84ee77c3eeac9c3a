using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Checks request bodies before the endpoint runs: a created or updated resource must stay inside the grant (patient
/// compartment, granular scope) — RS-6, RS-8 — and every entry of a batch or transaction Bundle is authorized on its
/// own (RS-9). A Bundle with any unauthorized entry is refused as a whole.
/// </summary>
internal static class SmartRequestBodyAuthorizer
{
    public static SmartAccessDecision CheckResource(SmartAccessContext access, in FhirRequest request, JsonElement resource, SmartAccessDecision decision)
    {
        var type = request.ResourceType!;
        var permission = request.Interaction == FhirInteraction.Create ? SmartPermissions.Create : SmartPermissions.Update;
        if (resource.ValueKind != JsonValueKind.Object
            || !resource.TryGetProperty("resourceType", out var typeElement)
            || typeElement.ValueKind != JsonValueKind.String
            || !typeElement.ValueEquals(type))
        {
            return SmartAccessDecision.Deny($"The request body is not a {type} resource.");
        }

        if (request.Interaction == FhirInteraction.Update
            && resource.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !id.ValueEquals(request.Id))
        {
            return SmartAccessDecision.Deny("The resource id does not match the URL.");
        }

        return SmartWriteRules.Permits(access, type, resource, permission)
            ? decision
            : SmartAccessDecision.Deny($"The {type} resource is outside the patient compartment or granular scopes of the access token.");
    }

    public static SmartAccessDecision CheckBundle(SmartAccessContext access, JsonElement bundle, string basePath, string fhirBase, SmartResourceServerOptions options)
    {
        if (bundle.ValueKind != JsonValueKind.Object
            || !bundle.TryGetProperty("resourceType", out var resourceType) || !resourceType.ValueEquals("Bundle")
            || !bundle.TryGetProperty("type", out var bundleType) || !(bundleType.ValueEquals("batch") || bundleType.ValueEquals("transaction")))
        {
            return SmartAccessDecision.Deny("POST to the FHIR base requires a batch or transaction Bundle.");
        }

        var checkResponse = false;
        if (!bundle.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return new SmartAccessDecision(true, false, false, null);
        }

        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var result = CheckEntry(access, entry, basePath, fhirBase, options);
            if (!result.IsAllowed)
            {
                return SmartAccessDecision.Deny($"Bundle entry {index}: {result.DenialReason}");
            }

            checkResponse |= result.CheckResponse;
            index++;
        }

        return new SmartAccessDecision(true, false, checkResponse || !access.ReadsEverything, null);
    }

    private static SmartAccessDecision CheckEntry(SmartAccessContext access, JsonElement entry, string basePath, string fhirBase, SmartResourceServerOptions options)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object
            || !request.TryGetProperty("method", out var methodElement) || methodElement.GetString() is not { } method
            || !request.TryGetProperty("url", out var urlElement) || urlElement.GetString() is not { } url)
        {
            return SmartAccessDecision.Deny("The entry has no request method and url.");
        }

        if (url.StartsWith(fhirBase + "/", StringComparison.Ordinal))
        {
            url = url[(fhirBase.Length + 1)..];
        }

        var query = url.IndexOf('?', StringComparison.Ordinal);
        var path = basePath + "/" + (query >= 0 ? url[..query] : url).TrimStart('/');
        var classified = FhirRequestClassifier.Classify(method, path, basePath);
        if (classified.Interaction is FhirInteraction.BatchOrTransaction or FhirInteraction.Unknown)
        {
            return SmartAccessDecision.Deny("The entry is not a recognised FHIR REST interaction.");
        }

        if (query >= 0 && classified.Interaction == FhirInteraction.Update)
        {
            return SmartAccessDecision.Deny("Conditional updates are not supported in Bundles.");
        }

        var decision = SmartAccessDecider.Decide(access, classified, options);
        if (classified.Interaction == FhirInteraction.Create
            && request.TryGetProperty("ifNoneExist", out var ifNoneExist) && ifNoneExist.ValueKind == JsonValueKind.String)
        {
            decision = SmartWriteRules.CheckConditionalCreate(access, classified.ResourceType!, ifNoneExist.GetString(), decision);
        }

        if (decision.IsAllowed && decision.CheckRequestBody)
        {
            if (!entry.TryGetProperty("resource", out var resource))
            {
                return SmartAccessDecision.Deny("The entry has no resource.");
            }

            decision = CheckResource(access, classified, resource, decision);
        }

        return decision;
    }
}
