using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Smart.AspNetCore.Tests.Packaging;

/// <summary>
/// Issue 15 (packaging): the package's repository and project URL are one real address, and every absolute link of
/// its README (<c>PACKAGE.md</c>, shown on nuget.org) points into that repository at a file that exists here.
/// </summary>
public sealed partial class PackageMetadataTests
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Smart.AspNetCore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Smart.AspNetCore.sln not found above the test output folder.");
    });

    private static string LibraryFolder => Path.Combine(s_root.Value, "src", "Smart.AspNetCore");

    private static string Property(string name) =>
        XDocument.Load(Path.Combine(LibraryFolder, "Smart.AspNetCore.csproj")).Descendants(name).Single().Value;

    [Fact]
    public void ProjectFile_RepositoryAndProjectUrl_AreOneAbsoluteHttpsAddress()
    {
        var repository = Property("RepositoryUrl");

        repository.Should().MatchRegex("^https://github\\.com/[A-Za-z0-9-]+/[A-Za-z0-9.-]+$", "no placeholder or MSBuild property");
        Property("PackageProjectUrl").Should().Be(repository);
        Property("RepositoryType").Should().Be("git");
    }

    [Fact]
    public void PackageReadme_AbsoluteLinks_PointIntoTheRepositoryAtExistingFiles()
    {
        var repository = Property("RepositoryUrl");
        var readme = File.ReadAllText(Path.Combine(LibraryFolder, "PACKAGE.md"));
        var links = LinkRegex().Matches(readme).Select(m => m.Groups[1].Value).Where(l => l.Contains("github.com/", StringComparison.Ordinal)).ToList();

        links.Should().NotBeEmpty();
        foreach (var link in links)
        {
            link.Should().StartWith(repository + "/blob/main/");
            var file = link[(repository + "/blob/main/").Length..].Split('#')[0];
            File.Exists(Path.Combine(s_root.Value, file)).Should().BeTrue($"{link} names {file}, which must exist in the repository");
        }
    }

    [GeneratedRegex(@"\]\((https://[^)\s]+)\)")]
    private static partial Regex LinkRegex();
}
