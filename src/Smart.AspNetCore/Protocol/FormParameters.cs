using Microsoft.Extensions.Primitives;

namespace Smart.AspNetCore.Protocol;

/// <summary>
/// Reads OAuth request parameters (query or form): empty values count as absent (RFC 6749 §3.1) and the first parameter
/// sent more than once is reported, since OAuth parameters must not repeat.
/// </summary>
internal static class FormParameters
{
    public static Dictionary<string, string> Read(IEnumerable<KeyValuePair<string, StringValues>> parameters, out string? repeatedParameter)
    {
        repeatedParameter = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (value.Count > 1)
            {
                repeatedParameter ??= name;
            }

            if (value.Count >= 1 && !string.IsNullOrEmpty(value[0]))
            {
                values[name] = value[0]!;
            }
        }

        return values;
    }
}
