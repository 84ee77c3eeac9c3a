using Microsoft.Extensions.Primitives;

namespace Smart.AspNetCore.Protocol;

/// <summary>
/// Reads OAuth request parameters (query or form): empty values count as absent (RFC 6749 §3.1) and the first parameter
/// sent more than once is reported, since OAuth parameters must not repeat.
/// </summary>
internal static class FormParameters
{
    public static FormParameterValues Read(IEnumerable<KeyValuePair<string, StringValues>> parameters, out string? repeatedParameter)
    {
        repeatedParameter = null;
        var pairs = parameters.TryGetNonEnumeratedCount(out var known) ? new KeyValuePair<string, string>[known] : new KeyValuePair<string, string>[8];
        var count = 0;
        foreach (var (name, value) in parameters)
        {
            if (value.Count > 1)
            {
                repeatedParameter ??= name;
            }

            if (value.Count >= 1 && !string.IsNullOrEmpty(value[0]))
            {
                if (count == pairs.Length)
                {
                    Array.Resize(ref pairs, Math.Max(8, pairs.Length * 2));
                }

                pairs[count++] = new(name, value[0]!);
            }
        }

        return new FormParameterValues(pairs, count);
    }
}
