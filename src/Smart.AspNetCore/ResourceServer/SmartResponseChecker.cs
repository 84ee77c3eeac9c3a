using System.Text.Json;
using System.Text.Json.Nodes;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Checks a FHIR JSON response against the grant (RS-6, RS-8, RS-9). A single resource outside the grant refuses the
/// response (403). A Bundle is filtered: entries whose resource the token may not read — <c>match</c>, <c>include</c>
/// (<c>_include</c>/<c>_revinclude</c>) and entries of other pages alike — are removed; when any is removed, <c>total</c>
/// is removed (it would count withheld resources) and an OperationOutcome entry (<c>search.mode = outcome</c>,
/// <c>code = suppressed</c>) says that entries were withheld. In batch/transaction responses the entry stays (to keep
/// entry order) but its resource is removed and its status becomes <c>403 Forbidden</c>. Anything that cannot be
/// verified (not JSON, an unknown resource, a <c>Parameters</c> result) is refused.
/// </summary>
internal static class SmartResponseChecker
{
    internal const string WithheldMessage = "Some entries were withheld because the access token does not permit them.";

    /// <summary>The result of a check: <see cref="Denial"/> set to refuse, else <see cref="Body"/> (null when unchanged).</summary>
    internal readonly record struct Result(string? Denial, byte[]? Body, int Withheld);

    public static Result Check(SmartAccessContext access, in FhirRequest request, ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return new Result("The response cannot be verified against the access token.", null, 0);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType", out var typeElement) || typeElement.GetString() is not { } type)
            {
                return new Result("The response cannot be verified against the access token.", null, 0);
            }

            if (type == "OperationOutcome")
            {
                return default;
            }

            if (type == "Bundle" && !(request.Interaction is FhirInteraction.Read or FhirInteraction.VRead && request.ResourceType == "Bundle"))
            {
                return FilterBundle(access, root, json);
            }

            if (!FhirResourceTypes.IsKnown(type) || type == "Parameters")
            {
                return new Result("The response cannot be verified against the access token.", null, 0);
            }

            var written = request.Interaction switch
            {
                FhirInteraction.Create => SmartPermissions.Create,
                FhirInteraction.Update or FhirInteraction.Patch => SmartPermissions.Update,
                _ => SmartPermissions.None,
            };
            if (written == SmartPermissions.None && SmartSecurityLabels.IsWithheld(access, type, root))
            {
                return new Result(SmartSecurityLabels.RestrictedMessage, null, 0);
            }

            return IsReadable(access, type, root) || (written != SmartPermissions.None && type == request.ResourceType && access.Matches(type, root, written))
                ? default
                : new Result($"The {type} resource is outside the patient compartment or granular scopes of the access token.", null, 0);
        }
    }

    private static bool IsReadable(SmartAccessContext access, string type, JsonElement resource) =>
        access.Matches(type, resource, SmartPermissions.Read) || access.Matches(type, resource, SmartPermissions.Search);

    private static Result FilterBundle(SmartAccessContext access, JsonElement bundle, ReadOnlyMemory<byte> json)
    {
        if (!bundle.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return default;
        }

        var responseBundle = bundle.TryGetProperty("type", out var bundleType)
            && (bundleType.ValueEquals("batch-response") || bundleType.ValueEquals("transaction-response"));
        List<int>? withheld = null;
        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            if (!IsEntryAllowed(access, entry, responseBundle))
            {
                (withheld ??= []).Add(index);
            }

            index++;
        }

        if (withheld is null)
        {
            return default;
        }

        var node = JsonNode.Parse(json.Span)!.AsObject();
        var array = node["entry"]!.AsArray();
        for (var i = withheld.Count - 1; i >= 0; i--)
        {
            if (responseBundle)
            {
                var entry = array[withheld[i]]!.AsObject();
                entry.Remove("resource");
                entry.Remove("fullUrl");
                entry["response"] = new JsonObject { ["status"] = "403 Forbidden" };
            }
            else
            {
                array.RemoveAt(withheld[i]);
            }
        }

        if (!responseBundle)
        {
            node.Remove("total");
            array.Add(new JsonObject
            {
                ["resource"] = JsonNode.Parse(OperationOutcomeWriter.Create("information", "suppressed", WithheldMessage)),
                ["search"] = new JsonObject { ["mode"] = "outcome" },
            });
        }

        return new Result(null, JsonSerializer.SerializeToUtf8Bytes(node), withheld.Count);
    }

    private static bool IsEntryAllowed(SmartAccessContext access, JsonElement entry, bool responseBundle)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (!entry.TryGetProperty("resource", out var resource))
        {
            // History entries of deletions and batch statuses carry no resource.
            return responseBundle;
        }

        if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("resourceType", out var typeElement) || typeElement.GetString() is not { } type)
        {
            return false;
        }

        if (type == "OperationOutcome")
        {
            return true;
        }

        return FhirResourceTypes.IsKnown(type) && IsReadable(access, type, resource) && !SmartSecurityLabels.IsWithheld(access, type, resource);
    }
}
