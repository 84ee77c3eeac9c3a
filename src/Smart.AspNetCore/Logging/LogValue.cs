using System.Text;

namespace Smart.AspNetCore.Logging;

/// <summary>
/// Makes a client-supplied value safe for a log line (CWE-117): control characters, line and paragraph separators and
/// bidirectional overrides become <c>?</c>, and the value is cut to <see cref="MaxLength"/> characters (with <c>…</c>),
/// so a <c>client_id</c>, redirect URI or scope can neither forge a log line nor flood the log.
/// </summary>
internal static class LogValue
{
    /// <summary>The longest value written to a log line.</summary>
    public const int MaxLength = 100;

    /// <summary>An error description (library text that may quote a parameter name): the same rule with room for a sentence.</summary>
    public static string Description(string? value) => Sanitize(value, 300);

    public static string Sanitize(string? value) => Sanitize(value, MaxLength);

    public static string Sanitize(string? value, int maxLength)
    {
        if (value is null)
        {
            return "(none)";
        }

        var length = Math.Min(value.Length, maxLength);
        var clean = true;
        for (var i = 0; i < length && clean; i++)
        {
            clean = !IsUnsafe(value[i]);
        }

        if (clean && value.Length <= maxLength)
        {
            return value;
        }

        var builder = new StringBuilder(length + 1);
        for (var i = 0; i < length; i++)
        {
            builder.Append(IsUnsafe(value[i]) ? '?' : value[i]);
        }

        if (value.Length > maxLength)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || char.IsSurrogate(c);
}
