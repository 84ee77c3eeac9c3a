using System.Text.Json;

namespace Smart.AspNetCore.Protocol;

/// <summary>Small helpers shared by the library's JSON documents and responses.</summary>
internal static class JsonWriterExtensions
{
    /// <summary>Writes <paramref name="name"/> only when <paramref name="value"/> is present (absent members are omitted, never null).</summary>
    public static void WriteStringIfPresent(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
