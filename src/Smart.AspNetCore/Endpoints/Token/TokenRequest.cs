using Microsoft.Extensions.Primitives;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>The form parameters of a token request, empty values treated as absent.</summary>
internal sealed class TokenRequest
{
    private readonly Dictionary<string, string> _values;

    private TokenRequest(Dictionary<string, string> values, string? repeatedParameter)
    {
        _values = values;
        RepeatedParameter = repeatedParameter;
    }

    /// <summary>The first parameter sent more than once (RFC 6749 §3.2: parameters must not be repeated).</summary>
    public string? RepeatedParameter { get; }

    public string? this[string name] => _values.GetValueOrDefault(name);

    public static TokenRequest Parse(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        string? repeated = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (value.Count > 1)
            {
                repeated ??= name;
            }

            if (value.Count >= 1 && !string.IsNullOrEmpty(value[0]))
            {
                values[name] = value[0]!;
            }
        }

        return new TokenRequest(values, repeated);
    }
}
