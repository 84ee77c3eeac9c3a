using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// axe-core (Deque's accessibility rules engine, fetched from npm at build time by build/axe-core.targets) run inside
/// the page under test. One line per page: <c>await Axe.AssertAccessibleAsync(page);</c> fails the test on any serious
/// or critical violation of the WCAG 2.0 / 2.1 level A and AA rules and prints, for each one, the rule id, impact,
/// target selectors and help URL. Frames of the page (an embedded app) are checked too.
/// </summary>
public static class Axe
{
    /// <summary>The axe-core rule tags checked: WCAG 2.0 and 2.1, levels A and AA.</summary>
    public static readonly IReadOnlyList<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Impacts that fail a test.</summary>
    public static readonly IReadOnlyList<string> FailingImpacts = ["serious", "critical"];

    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"axe-core was not found at {path}. Build the test project (dotnet build) to fetch it with npm (see build/axe-core.targets).", path);
        }

        return File.ReadAllText(path);
    });

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// Runs the WCAG 2.0/2.1 A and AA rules on the page as it is now and fails with a readable list when any violation
    /// is serious or critical. Returns every violation found (of any impact) for further assertions.
    /// </summary>
    /// <param name="page">The page, loaded and in the state to check (wait for its content first).</param>
    /// <param name="name">What the page is, for the failure message (defaults to its URL path).</param>
    public static async Task<IReadOnlyList<AxeViolation>> AssertAccessibleAsync(IPage page, string? name = null)
    {
        var violations = await AnalyzeAsync(page);
        name ??= new Uri(page.Url).AbsolutePath;
        var failing = violations.Where(v => FailingImpacts.Contains(v.Impact)).ToList();
        Report(name, violations, failing.Count);
        if (failing.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(Describe(name, failing));
        }

        return violations;
    }

    /// <summary>Runs the WCAG 2.0/2.1 A and AA rules on the page and returns every violation (no assertion).</summary>
    public static async Task<IReadOnlyList<AxeViolation>> AnalyzeAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);

        // Evaluated through the DevTools protocol, so a page's Content-Security-Policy (the consent page, the
        // /authorize error page) does not block it. Every frame gets its own copy: axe then checks them from the top.
        foreach (var frame in page.Frames)
        {
            await frame.EvaluateAsync($"() => {{ if (!window.axe) {{ {Source.Value}\n}} }}");
        }

        var json = await page.EvaluateAsync<string>(
            """
            async (tags) => {
              const results = await window.axe.run(document, {
                runOnly: { type: "tag", values: tags },
                resultTypes: ["violations"],
              });
              return JSON.stringify(results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({ target: n.target.flat(), summary: n.failureSummary })),
              })));
            }
            """,
            WcagTags);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }

    // SMART_AXE_REPORT=<file>: append one tab-separated line per check (page, serious+critical, all, rule ids), for a census.
    private static void Report(string name, IReadOnlyList<AxeViolation> violations, int failing)
    {
        var file = Environment.GetEnvironmentVariable("SMART_AXE_REPORT");
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        var rules = string.Join(",", violations.Select(v => $"{v.Id}:{v.Impact}:{v.Nodes.Count}"));
        lock (ReportLock)
        {
            File.AppendAllText(file, $"{name}\t{failing}\t{violations.Count}\t{rules}{Environment.NewLine}");
        }
    }

    private static readonly Lock ReportLock = new();

    /// <summary>A readable list of violations: rule id, impact, help URL and each target selector.</summary>
    public static string Describe(string name, IEnumerable<AxeViolation> violations)
    {
        var text = new StringBuilder();
        var list = violations.ToList();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{name}: {list.Count} serious or critical accessibility violation(s) (axe-core, WCAG 2.0/2.1 A+AA):");
        foreach (var violation in list)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"- {violation.Id} [{violation.Impact}] {violation.Help}");
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  help: {violation.HelpUrl}");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  target: {string.Join(" >>> ", node.Target)}");
                if (!string.IsNullOrWhiteSpace(node.Summary))
                {
                    text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    {node.Summary.Replace("\n", "\n    ", StringComparison.Ordinal)}");
                }
            }
        }

        return text.ToString();
    }
}

/// <summary>One axe-core rule that failed on a page.</summary>
/// <param name="Id">The rule id (e.g. <c>color-contrast</c>).</param>
/// <param name="Impact">minor, moderate, serious or critical.</param>
/// <param name="Help">The rule's one-line description.</param>
/// <param name="HelpUrl">Deque University page explaining the rule and its fix.</param>
/// <param name="Nodes">The elements that fail it.</param>
public sealed record AxeViolation(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("impact")] string? Impact,
    [property: JsonPropertyName("help")] string Help,
    [property: JsonPropertyName("helpUrl")] string HelpUrl,
    [property: JsonPropertyName("nodes")] IReadOnlyList<AxeNode> Nodes);

/// <summary>An element failing an axe-core rule.</summary>
/// <param name="Target">CSS selectors leading to it (one per frame level).</param>
/// <param name="Summary">axe-core's explanation of the failure.</param>
public sealed record AxeNode(
    [property: JsonPropertyName("target")] IReadOnlyList<string> Target,
    [property: JsonPropertyName("summary")] string? Summary);
