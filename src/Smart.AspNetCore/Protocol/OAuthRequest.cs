using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Protocol;

/// <summary>The form parameters of a token request, empty values treated as absent.</summary>
internal sealed class OAuthRequest
{
    private readonly FormParameterValues _values;

    private OAuthRequest(FormParameterValues values, string? repeatedParameter)
    {
        _values = values;
        RepeatedParameter = repeatedParameter;
    }

    /// <summary>The first parameter sent more than once (RFC 6749 §3.2: parameters must not be repeated).</summary>
    public string? RepeatedParameter { get; }

    public string? this[string name] => _values.GetValueOrDefault(name);

    public static OAuthRequest Parse(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        var values = FormParameters.Read(form, out var repeated);
        return new OAuthRequest(values, repeated);
    }
}
