using System.Reflection;
using System.Text.RegularExpressions;
using Smart.AspNetCore.Interaction;

namespace Smart.AspNetCore.Tests.Configuration;

/// <summary>The option tables of <c>docs/configuration.md</c> list exactly the properties of the option classes.</summary>
public sealed partial class ConfigurationDocsTests
{
    private static readonly Lazy<string> s_doc = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "configuration.md");
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new InvalidOperationException("docs/configuration.md not found above the test output folder.");
    });

    public static TheoryData<string, Type> Tables => new()
    {
        { "## Root options", typeof(SmartOnFhirOptions) },
        { "## `Endpoints`", typeof(SmartEndpointOptions) },
        { "## `Lifetimes`", typeof(SmartLifetimeOptions) },
        { "## `Discovery`", typeof(SmartDiscoveryOptions) },
        { "## `Interaction`", typeof(SmartInteractionOptions) },
        { "## `Cors`", typeof(SmartCorsOptions) },
        { "## Default pages (`AddDefaultInteractionPages`)", typeof(SmartDefaultPagesOptions) },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void OptionTable_ListsExactlyTheOptionProperties(string heading, Type options)
    {
        var documented = TableKeys(heading);

        // Nested option groups (they have their own tables) and the code-only events are not rows.
        var properties = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !(p.PropertyType.Name.EndsWith("Options", StringComparison.Ordinal) && p.PropertyType.Namespace == "Smart.AspNetCore"))
            .Where(p => p.PropertyType != typeof(Events.SmartOnFhirEvents))
            .Select(p => p.Name);

        documented.Should().BeEquivalentTo(properties, $"the table under '{heading}' in docs/configuration.md must match {options.Name}");
    }

    [Fact]
    public void SigningTable_ListsEveryKeyOption()
    {
        var documented = string.Join(' ', Section("## `Signing`").Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('|')[1]));

        foreach (var property in typeof(SmartSigningKeyOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            documented.Should().Contain(property.Name, "every SmartSigningKeyOptions property is documented under Signing");
        }

        documented.Should().Contain(nameof(SmartSigningOptions.AccessTokenAlgorithm));
    }

    [Fact]
    public void ScopesSupportedDefault_IsTheOneDocumented()
    {
        var metadata = new Smart.AspNetCore.Discovery.SmartServerMetadata(new SmartOnFhirOptions { FhirBaseUrl = new Uri("https://ehr.example.org/fhir") });
        var section = Section("## `Discovery`");
        var row = section.Split('\n').Single(l => l.StartsWith("| `ScopesSupported`", StringComparison.Ordinal));
        var documented = BacktickRegex().Matches(row.Split('|')[2]).Select(m => m.Groups[1].Value);

        documented.Should().Equal(metadata.ScopesSupported);
    }

    private static string Section(string heading)
    {
        var doc = s_doc.Value.Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = doc.IndexOf(heading + "\n", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"docs/configuration.md has a section '{heading}'");
        var end = doc.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? doc[start..] : doc[start..end];
    }

    private static List<string> TableKeys(string heading) =>
        [.. Section(heading).Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => KeyRegex().Match(l).Groups[1].Value)];

    [GeneratedRegex(@"^\| `([A-Za-z]+)")]
    private static partial Regex KeyRegex();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex BacktickRegex();
}
