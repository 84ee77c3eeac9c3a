namespace Smart.AspNetCore.Protocol;

/// <summary>
/// The non-empty first values of a request's parameters, in the order sent: a few pairs looked up by a linear ordinal
/// search (a request has a handful; the reader caps them), from the last, so a name given twice answers as a dictionary
/// would. No dictionary per request (issue 14).
/// </summary>
internal readonly struct FormParameterValues
{
    private readonly KeyValuePair<string, string>[]? _pairs;
    private readonly int _count;

    public FormParameterValues(KeyValuePair<string, string>[] pairs, int count)
    {
        _pairs = pairs;
        _count = count;
    }

    /// <summary>How many names have a value.</summary>
    public int Count => _count;

    /// <summary>The value of <paramref name="name"/> (ordinal), or <see langword="null"/> when absent or empty.</summary>
    public string? GetValueOrDefault(string name)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            if (string.Equals(_pairs![i].Key, name, StringComparison.Ordinal))
            {
                return _pairs[i].Value;
            }
        }

        return null;
    }
}
