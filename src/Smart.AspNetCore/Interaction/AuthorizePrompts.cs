using System.Globalization;

namespace Smart.AspNetCore.Interaction;

/// <summary>Parsing of <c>prompt</c> and <c>max_age</c> (OpenID Connect Core §3.1.2.1). Pure.</summary>
internal static class AuthorizePrompts
{
    /// <summary>The values advertised in discovery (<c>prompt_values_supported</c>).</summary>
    public static readonly IReadOnlyList<string> Supported = ["none", "login", "consent"];

    /// <summary>The known values of a space-separated <c>prompt</c>; unknown ones are ignored.</summary>
    public static AuthorizePrompt Parse(string? prompt)
    {
        var result = AuthorizePrompt.Default;
        if (prompt is null)
        {
            return result;
        }

        foreach (var value in prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            result |= value switch
            {
                "none" => AuthorizePrompt.None,
                "login" => AuthorizePrompt.Login,
                "consent" => AuthorizePrompt.Consent,
                _ => AuthorizePrompt.Default,
            };
        }

        return result;
    }

    /// <summary>A <c>max_age</c> of digits only (at most ten years), or <see langword="null"/> when malformed.</summary>
    public static TimeSpan? ParseMaxAge(string? maxAge) =>
        maxAge is { Length: > 0 and <= 9 } && maxAge.All(char.IsAsciiDigit)
        && long.TryParse(maxAge, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= 315_360_000
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
