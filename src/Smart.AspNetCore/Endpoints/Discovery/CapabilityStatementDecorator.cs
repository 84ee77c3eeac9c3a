using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Smart.AspNetCore.Discovery;

namespace Smart.AspNetCore.Endpoints.Discovery;

/// <summary>
/// Adds SMART's <c>rest.security</c> to a JSON CapabilityStatement (DISC-11, DISC-12): <c>cors: true</c>, the
/// <c>SMART-on-FHIR</c> service coding and the <c>oauth-uris</c> extension with the same URLs as the well-known
/// document. Works on any JSON, whether the host produced it with the Firely SDK or by hand.
/// </summary>
internal static class CapabilityStatementDecorator
{
    public const string OAuthUrisExtension = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    public const string SecurityServiceSystem = "http://terminology.hl7.org/CodeSystem/restful-security-service";
    public const string SmartOnFhirCode = "SMART-on-FHIR";

    private static readonly JsonSerializerOptions s_serializerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Decorates <paramref name="json"/>; returns <see langword="null"/> when it is not a JSON CapabilityStatement.</summary>
    public static byte[]? TryDecorate(ReadOnlySpan<byte> json, IReadOnlyList<KeyValuePair<string, string>> oauthUris)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is not JsonObject statement
            || statement["resourceType"]?.GetValueKind() != JsonValueKind.String
            || statement["resourceType"]!.GetValue<string>() != "CapabilityStatement")
        {
            return null;
        }

        if (statement["rest"] is not JsonArray rest)
        {
            rest = [];
            statement["rest"] = rest;
        }

        var servers = rest.OfType<JsonObject>().Where(r => r["mode"] is JsonValue mode && mode.ToString() == "server").ToList();
        if (servers.Count == 0)
        {
            var server = new JsonObject { ["mode"] = "server" };
            rest.Add(server);
            servers.Add(server);
        }

        foreach (var server in servers)
        {
            DecorateSecurity(server, oauthUris);
        }

        return JsonSerializer.SerializeToUtf8Bytes(statement, s_serializerOptions);
    }

    private static void DecorateSecurity(JsonObject rest, IReadOnlyList<KeyValuePair<string, string>> oauthUris)
    {
        if (rest["security"] is not JsonObject security)
        {
            security = [];
            rest["security"] = security;
        }

        security["cors"] = true;

        if (security["service"] is not JsonArray services)
        {
            services = [];
            security["service"] = services;
        }

        var hasSmartService = services.OfType<JsonObject>()
            .SelectMany(s => s["coding"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Any(c => c["code"]?.ToString() == SmartOnFhirCode);
        if (!hasSmartService)
        {
            services.Add(new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject
                {
                    ["system"] = SecurityServiceSystem,
                    ["code"] = SmartOnFhirCode,
                    ["display"] = SmartOnFhirCode,
                }),
                ["text"] = "OAuth2 using SMART-on-FHIR profile (see http://hl7.org/fhir/smart-app-launch)",
            });
        }

        if (security["extension"] is not JsonArray extensions)
        {
            extensions = [];
            security["extension"] = extensions;
        }

        // Replace any oauth-uris the host wrote: the library's model is the single source of truth (DISC-12).
        for (var i = extensions.Count - 1; i >= 0; i--)
        {
            if (extensions[i] is JsonObject e && e["url"]?.ToString() == OAuthUrisExtension)
            {
                extensions.RemoveAt(i);
            }
        }

        var uris = new JsonArray();
        foreach (var (name, value) in oauthUris)
        {
            uris.Add(new JsonObject { ["url"] = name, ["valueUri"] = value });
        }

        extensions.Add(new JsonObject { ["url"] = OAuthUrisExtension, ["extension"] = uris });
    }
}
