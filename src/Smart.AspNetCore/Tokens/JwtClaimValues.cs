using System.Text.Json;

namespace Smart.AspNetCore.Tokens;

/// <summary>
/// The claim value types <see cref="JwtWriter"/> writes itself, as <c>JsonWebTokenHandler</c> would: strings, booleans,
/// 32- and 64-bit integers, string collections (a JSON array) and <see cref="JsonElement"/> (written as is). A host
/// claim of any other type makes the issuer fall back to <c>JsonWebTokenHandler</c>, so no value is ever written
/// differently from before.
/// </summary>
internal static class JwtClaimValues
{
    /// <summary>Whether every value of <paramref name="claims"/> is of a type <see cref="Write"/> handles.</summary>
    public static bool CanWriteAll(IDictionary<string, object> claims)
    {
        if (claims.Count == 0)
        {
            return true;
        }

        foreach (var (_, value) in claims)
        {
            if (!CanWrite(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes one claim; the value must satisfy <see cref="CanWriteAll"/>.</summary>
    public static void Write(Utf8JsonWriter json, string name, object value)
    {
        switch (value)
        {
            case string text:
                json.WriteString(name, text);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case long number:
                json.WriteNumber(name, number);
                break;
            case JsonElement element:
                json.WritePropertyName(name);
                element.WriteTo(json);
                break;
            case IEnumerable<string> texts:
                json.WriteStartArray(name);
                foreach (var text in texts)
                {
                    json.WriteStringValue(text);
                }

                json.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"Claim '{name}' has a value of type {value.GetType().Name}, which the JWT writer does not handle.");
        }
    }

    private static bool CanWrite(object? value) => value switch
    {
        string or bool or int or long => true,
        JsonElement element => element.ValueKind is not JsonValueKind.Undefined,
        IEnumerable<string> texts => AllPresent(texts),
        _ => false,
    };

    private static bool AllPresent(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            if (text is null)
            {
                return false;
            }
        }

        return true;
    }
}
