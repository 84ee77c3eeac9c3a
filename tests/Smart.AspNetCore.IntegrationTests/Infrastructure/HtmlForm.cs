using System.Net;
using System.Text.RegularExpressions;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>Reads the inputs of an HTML form the way a browser would submit them (enough for the sample's pages).</summary>
internal static partial class HtmlForm
{
    /// <summary>The part of <paramref name="html"/> inside the form marked <c>data-testid="<paramref name="testId"/>"</c>.</summary>
    public static string Form(string html, string testId)
    {
        var marker = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        if (marker < 0)
        {
            throw new InvalidOperationException($"No form '{testId}' in the page.");
        }

        var start = html.LastIndexOf("<form", marker, StringComparison.OrdinalIgnoreCase);
        var end = html.IndexOf("</form>", marker, StringComparison.OrdinalIgnoreCase);
        return html[start..end];
    }

    public static List<KeyValuePair<string, string>> HiddenInputs(string html, string formTestId) => HiddenInputs(Form(html, formTestId));

    public static List<KeyValuePair<string, string>> HiddenInputs(string html) =>
        [.. InputRegex().Matches(html)
            .Select(m => m.Value)
            .Where(tag => Attribute(tag, "type") == "hidden")
            .Select(tag => new KeyValuePair<string, string>(Attribute(tag, "name") ?? string.Empty, Attribute(tag, "value") ?? string.Empty))];

    /// <summary>Values of checked checkboxes named <paramref name="name"/>.</summary>
    public static List<string> CheckedValues(string html, string name) =>
        [.. InputRegex().Matches(html)
            .Select(m => m.Value)
            .Where(tag => Attribute(tag, "type") == "checkbox" && Attribute(tag, "name") == name && tag.Contains("checked", StringComparison.Ordinal))
            .Select(tag => Attribute(tag, "value") ?? string.Empty)];

    public static string? Attribute(string tag, string attribute)
    {
        var match = Regex.Match(tag, attribute + "=\"([^\"]*)\"", RegexOptions.IgnoreCase);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputRegex();
}
