using System.Text.Json;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.LaunchContext;

/// <summary>Writes a launch context as the token response and introspection write it.</summary>
internal static class LaunchContextJson
{
    /// <summary>Launch context as top-level members (CTX-1), <c>fhirContext</c> in the SMART 2.2 object shape (CTX-4).</summary>
    public static void Write(Utf8JsonWriter json, SmartLaunchContext launch)
    {
        json.WriteStringIfPresent("patient", launch.Patient);
        json.WriteStringIfPresent("encounter", launch.Encounter);
        if (launch.FhirContext.Count > 0)
        {
            json.WriteStartArray("fhirContext");
            foreach (var item in launch.FhirContext)
            {
                json.WriteStartObject();
                json.WriteStringIfPresent("reference", item.Reference);
                json.WriteStringIfPresent("canonical", item.Canonical);
                if (item.Identifier is { } identifier)
                {
                    json.WriteStartObject("identifier");
                    json.WriteStringIfPresent("system", identifier.System);
                    json.WriteString("value", identifier.Value);
                    json.WriteEndObject();
                }

                json.WriteStringIfPresent("type", item.Type);
                json.WriteStringIfPresent("role", item.Role);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (launch.NeedPatientBanner is { } banner)
        {
            json.WriteBoolean("need_patient_banner", banner);
        }

        json.WriteStringIfPresent("smart_style_url", launch.SmartStyleUrl);
        json.WriteStringIfPresent("intent", launch.Intent);
        json.WriteStringIfPresent("tenant", launch.Tenant);
        foreach (var (name, value) in launch.Parameters)
        {
            json.WriteString(name, value);
        }
    }
}
