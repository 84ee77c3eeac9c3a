using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Requests;

/// <summary>
/// Parses an <c>application/x-www-form-urlencoded</c> body straight from its bytes, with exactly the results and limits of
/// ASP.NET Core's <see cref="FormReader"/> over the same body (issue 14): a name runs to the next <c>=</c> (across any
/// <c>&amp;</c>), a value to the next <c>&amp;</c>; a trailing name without <c>=</c> is dropped; <c>+</c> becomes a
/// space and escapes are undone by <see cref="Uri.TryUnescapeDataString(ReadOnlySpan{char}, Span{char}, out int)"/>
/// (UTF-8 escapes; invalid ones stay as sent); names merge case-insensitively in first-occurrence order, keeping the
/// first spelling; the count limit applies to values, the length limits to the characters as sent. Only for UTF-8,
/// US-ASCII and ISO-8859-1, where <c>=</c>, <c>&amp;</c>, <c>+</c> and <c>%</c> are single bytes that no other character
/// contains. One string per name and value, none for the protocol's own words; scratch memory is cleared after use.
/// </summary>
internal static class FormUrlEncodedParser
{
    private const int StackChars = 512;

    /// <summary>The words a form is made of, returned as these instances instead of new strings.</summary>
    private static readonly string[] s_knownWords =
    [
        OAuthParameters.ResponseType, OAuthParameters.ClientId, OAuthParameters.ClientSecret, OAuthParameters.RedirectUri,
        OAuthParameters.Scope, OAuthParameters.State, OAuthParameters.Aud, OAuthParameters.Resource, OAuthParameters.Launch,
        OAuthParameters.CodeChallenge, OAuthParameters.CodeChallengeMethod, OAuthParameters.CodeVerifier, OAuthParameters.Nonce,
        OAuthParameters.Code, OAuthParameters.GrantType, OAuthParameters.RefreshToken, OAuthParameters.Error,
        OAuthParameters.ErrorDescription, OAuthParameters.RequestId, OAuthParameters.ClientAssertion,
        OAuthParameters.ClientAssertionType, OAuthParameters.Token, OAuthParameters.TokenTypeHint, OAuthParameters.ResponseMode,
        OAuthParameters.Prompt, OAuthParameters.MaxAge, OAuthParameters.Iss,
        SmartGrantTypes.AuthorizationCode, SmartGrantTypes.ClientCredentials,
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "S256", "access_token", "Bearer",
    ];

    /// <summary>The words returned without allocating (for tests).</summary>
    internal static IReadOnlyList<string> KnownWords => s_knownWords;

    /// <summary>Whether <paramref name="encoding"/> is one this parser reads exactly as <see cref="FormReader"/> does.</summary>
    public static bool Supports(Encoding encoding) => encoding.CodePage is 65001 or 20127 or 28591;

    /// <summary>
    /// The parameters of <paramref name="body"/>, or <see langword="null"/> where <see cref="FormReader"/> would throw
    /// <see cref="InvalidDataException"/> (a limit exceeded).
    /// </summary>
    public static KeyValuePair<string, StringValues>[]? Parse(ReadOnlySpan<byte> body, Encoding encoding, int maxValues, int maxNameLength, int maxValueLength)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        // At most one pair per '&'-separated segment, and never more than the count limit plus the one that breaks it.
        var capacity = (int)Math.Min(body.Count((byte)'&') + 1L, maxValues + 1L);
        var names = ArrayPool<string>.Shared.Rent(capacity);
        var values = ArrayPool<string>.Shared.Rent(capacity);
        var owners = ArrayPool<int>.Shared.Rent(capacity);
        Dictionary<string, int>? index = null;
        Span<char> stack = stackalloc char[StackChars];
        var entries = 0;
        var count = 0;
        var repeated = false;
        try
        {
            var position = 0;
            while (true)
            {
                var rest = body[position..];
                var equals = rest.IndexOf((byte)'=');
                if (equals < 0)
                {
                    // A trailing name without '=' is dropped, but its length still counts against the limit.
                    return CharCount(rest, encoding, maxNameLength) > maxNameLength ? null : Build(names, values, owners, entries, count, repeated);
                }

                var name = Decode(rest[..equals], encoding, maxNameLength, stack);
                if (name is null)
                {
                    return null;
                }

                rest = rest[(equals + 1)..];
                var ampersand = rest.IndexOf((byte)'&');
                var value = Decode(ampersand < 0 ? rest : rest[..ampersand], encoding, maxValueLength, stack);
                if (value is null || count == maxValues)
                {
                    return null;
                }

                var owner = Find(names, entries, name, ref index);
                if (owner < 0)
                {
                    owner = entries++;
                    names[owner] = name;
                    index?.Add(name, owner);
                }
                else
                {
                    repeated = true;
                }

                values[count] = value;
                owners[count++] = owner;
                if (ampersand < 0)
                {
                    return Build(names, values, owners, entries, count, repeated);
                }

                position += equals + 1 + ampersand + 1;
            }
        }
        finally
        {
            ArrayPool<string>.Shared.Return(names, clearArray: true);
            ArrayPool<string>.Shared.Return(values, clearArray: true);
            ArrayPool<int>.Shared.Return(owners);
        }
    }

    /// <summary>The entry whose name equals <paramref name="name"/> ignoring case (as FormReader's accumulator), or -1.</summary>
    private static int Find(string[] names, int entries, string name, ref Dictionary<string, int>? index)
    {
        if (index is null && entries > 16)
        {
            index = new Dictionary<string, int>(entries * 2, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < entries; i++)
            {
                index.TryAdd(names[i], i);
            }
        }

        if (index is not null)
        {
            return index.TryGetValue(name, out var found) ? found : -1;
        }

        for (var i = 0; i < entries; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static KeyValuePair<string, StringValues>[] Build(string[] names, string[] values, int[] owners, int entries, int count, bool repeated)
    {
        var result = new KeyValuePair<string, StringValues>[entries];
        if (!repeated)
        {
            for (var i = 0; i < count; i++)
            {
                result[i] = new(names[i], values[i]);
            }

            return result;
        }

        Span<int> filled = entries <= 128 ? stackalloc int[entries] : new int[entries];
        filled.Clear();
        for (var i = 0; i < count; i++)
        {
            filled[owners[i]]++;
        }

        var arrays = new string[entries][];
        for (var i = 0; i < entries; i++)
        {
            arrays[i] = filled[i] == 1 ? [] : new string[filled[i]];
            filled[i] = 0;
        }

        for (var i = 0; i < count; i++)
        {
            var owner = owners[i];
            if (arrays[owner].Length == 0)
            {
                result[owner] = new(names[owner], values[i]);
            }
            else
            {
                arrays[owner][filled[owner]++] = values[i];
            }
        }

        for (var i = 0; i < entries; i++)
        {
            if (arrays[i].Length > 0)
            {
                result[i] = new(names[i], arrays[i]);
            }
        }

        return result;
    }

    private static int CharCount(ReadOnlySpan<byte> raw, Encoding encoding, int limit) =>
        raw.Length <= limit || encoding.IsSingleByte ? raw.Length : encoding.GetCharCount(raw);

    /// <summary>
    /// One name or value: decoded with the form's charset, <c>+</c> made a space, escapes undone; <see langword="null"/>
    /// when it has more than <paramref name="limit"/> characters as sent.
    /// </summary>
    private static string? Decode(ReadOnlySpan<byte> raw, Encoding encoding, int limit, Span<char> stack)
    {
        if (raw.IsEmpty)
        {
            return string.Empty;
        }

        if (CharCount(raw, encoding, limit) > limit)
        {
            return null;
        }

        // Decoding never yields more characters than bytes here (UTF-8 or single-byte, one replacement character per
        // bad byte at most) and unescaping never lengthens: the first half takes the text, the second the unescaped.
        char[]? rented = null;
        var scratch = raw.Length * 2 <= stack.Length ? stack[..(raw.Length * 2)] : (rented = ArrayPool<char>.Shared.Rent(raw.Length * 2)).AsSpan(0, raw.Length * 2);
        try
        {
            var text = scratch[..encoding.GetChars(raw, scratch[..raw.Length])];
            if (text.Length > limit)
            {
                return null;
            }

            text.Replace('+', ' ');
            if (text.Contains('%'))
            {
                var unescaped = scratch[raw.Length..];
                if (!Uri.TryUnescapeDataString(text, unescaped, out var written))
                {
                    throw new InvalidOperationException("Unescaping lengthened a form word.");
                }

                text = unescaped[..written];
            }

            return Known(text) ?? new string(text);
        }
        finally
        {
            // The words are client secrets, codes and tokens: no copy stays behind in the scratch memory.
            scratch.Clear();
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static string? Known(ReadOnlySpan<char> text)
    {
        foreach (var word in s_knownWords)
        {
            if (text.Length == word.Length && text.SequenceEqual(word))
            {
                return word;
            }
        }

        return null;
    }
}
