using System.Text.Json;
using Smart.AspNetCore.Discovery;

namespace Smart.AspNetCore.Endpoints.Discovery;

/// <summary>
/// A minimal R4 CapabilityStatement for hosts that have none (<see cref="SmartDiscoveryOptions.MapCapabilityStatement"/>).
/// It states only what the library knows: the FHIR version, JSON, and (added by the decorator) SMART security.
/// </summary>
internal sealed class MinimalCapabilityStatement
{
    public MinimalCapabilityStatement(SmartServerMetadata metadata, SmartOnFhirOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "CapabilityStatement");
            json.WriteString("status", "active");
            json.WriteString("date", timeProvider.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("publisher", options.Discovery.CapabilityStatementPublisher);
            json.WriteString("kind", "instance");
            json.WriteStartObject("implementation");
            json.WriteString("description", "SMART on FHIR server");
            json.WriteString("url", metadata.Issuer);
            json.WriteEndObject();
            json.WriteString("fhirVersion", "4.0.1");
            json.WriteStartArray("format");
            json.WriteStringValue("json");
            json.WriteEndArray();
            json.WriteStartArray("rest");
            json.WriteStartObject();
            json.WriteString("mode", "server");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        Json = buffer.ToArray();
    }

    public ReadOnlyMemory<byte> Json { get; }
}
