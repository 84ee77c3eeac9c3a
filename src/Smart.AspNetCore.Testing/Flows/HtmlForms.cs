using System.Net;
using System.Text.RegularExpressions;

namespace Smart.AspNetCore.Testing.Flows;

/// <summary>One HTML form as a browser would submit it: its action and its successful controls.</summary>
internal sealed record HtmlForm(string? Action, string Html)
{
    /// <summary>Hidden inputs, checked checkboxes and radios, text inputs with their values, selected options (no buttons).</summary>
    public List<KeyValuePair<string, string>> DefaultValues()
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var tag in HtmlForms.Tags(Html, "input"))
        {
            var name = HtmlForms.Attribute(tag, "name");
            if (string.IsNullOrEmpty(name) || HtmlForms.HasAttribute(tag, "disabled"))
            {
                continue;
            }

            var type = (HtmlForms.Attribute(tag, "type") ?? "text").ToUpperInvariant();
            var value = HtmlForms.Attribute(tag, "value") ?? string.Empty;
            switch (type)
            {
                case "CHECKBOX" or "RADIO" when HtmlForms.HasAttribute(tag, "checked"):
                    values.Add(new(name, HtmlForms.Attribute(tag, "value") ?? "on"));
                    break;
                case "CHECKBOX" or "RADIO" or "SUBMIT" or "BUTTON" or "IMAGE" or "RESET" or "FILE":
                    break;
                default:
                    values.Add(new(name, value));
                    break;
            }
        }

        return values;
    }

    /// <summary>Whether the form has a control (input, button, select, textarea) named <paramref name="name"/>.</summary>
    public bool HasControl(string name) =>
        HtmlForms.ControlElements.Any(element => HtmlForms.Tags(Html, element).Any(tag => HtmlForms.Attribute(tag, "name") == name));

    /// <summary>Whether the form has an input of type <paramref name="type"/>.</summary>
    public bool HasInputOfType(string type) =>
        HtmlForms.Tags(Html, "input").Any(tag => string.Equals(HtmlForms.Attribute(tag, "type"), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The values offered for the radio inputs or select options named <paramref name="name"/>.</summary>
    public List<string> Choices(string name)
    {
        var choices = HtmlForms.Tags(Html, "input")
            .Where(tag => HtmlForms.Attribute(tag, "name") == name && string.Equals(HtmlForms.Attribute(tag, "type"), "radio", StringComparison.OrdinalIgnoreCase))
            .Select(tag => HtmlForms.Attribute(tag, "value") ?? string.Empty)
            .ToList();
        var select = HtmlForms.SelectRegex().Matches(Html).FirstOrDefault(m => HtmlForms.Attribute(m.Groups["open"].Value, "name") == name);
        if (select is not null)
        {
            choices.AddRange(HtmlForms.Tags(select.Value, "option").Select(tag => HtmlForms.Attribute(tag, "value") ?? string.Empty));
        }

        return choices;
    }
}

/// <summary>Reads the forms of a page (enough for server-rendered consent, picker and login pages).</summary>
internal static partial class HtmlForms
{
    public static readonly string[] ControlElements = ["input", "button", "select", "textarea"];

    public static List<HtmlForm> Parse(string html) =>
        [.. FormRegex().Matches(html).Select(m => new HtmlForm(Attribute(m.Groups["open"].Value, "action"), m.Value))];

    public static IEnumerable<string> Tags(string html, string element) =>
        Regex.Matches(html, "<" + element + @"\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)).Select(m => m.Value);

    public static string? Attribute(string tag, string attribute)
    {
        var match = Regex.Match(tag, @"\s" + attribute + "\\s*=\\s*(?:\"(?<v>[^\"]*)\"|'(?<v>[^']*)'|(?<v>[^\\s>]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? WebUtility.HtmlDecode(match.Groups["v"].Value) : null;
    }

    public static bool HasAttribute(string tag, string attribute) =>
        Regex.IsMatch(tag, @"\s" + attribute + @"(\s|=|/?>)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"(?<open><form\b[^>]*>).*?</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FormRegex();

    [GeneratedRegex(@"(?<open><select\b[^>]*>).*?</select>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    internal static partial Regex SelectRegex();
}
