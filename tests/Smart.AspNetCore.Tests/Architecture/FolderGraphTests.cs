namespace Smart.AspNetCore.Tests.Architecture;

/// <summary>The library's folders form floors without cycles (docs/architecture.md), and the checker catches back-edges.</summary>
public sealed class FolderGraphTests
{
    private static readonly IReadOnlyDictionary<string, int> s_floors = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Protocol"] = 1,
        ["Clients"] = 2,
        ["Tokens"] = 3,
        ["Endpoints/Token"] = 4,
        ["Endpoints/Revocation"] = 4,
    };

    private static readonly IReadOnlySet<int> s_noSideways = new HashSet<int> { 4 };

    private static readonly Lazy<SourceDependencies> s_library = new(() => SourceDependencyReader.Read(Path.Combine(RepositoryRoot(), "src", "Smart.AspNetCore")));

    [Fact]
    public void Library_FoldersFollowTheFloorPlan_WithoutCycles()
    {
        var source = s_library.Value;

        source.FileCount.Should().BeGreaterThan(100, "the reader must see the whole library");
        source.Unresolved.Should().BeEmpty("every name of a library type must resolve, or edges would go unseen");
        source.Dependencies.Select(d => (d.From, d.To)).Distinct().Count(e => e.From != e.To).Should().BeGreaterThan(40);
        FolderGraphChecker.Check(source.Dependencies, FloorPlan.Library, FloorPlan.NoSidewaysEdges).Should().BeEmpty();
    }

    [Fact]
    public void Reader_PropertyNamedLikeAType_IsNotADependency()
    {
        // SmartServerMetadata has a property TokenEndpoint; the type TokenEndpoint lives in Endpoints/Token.
        var source = s_library.Value;

        source.Dependencies.Should().NotContain(d => d.From == "Discovery" && d.To.StartsWith("Endpoints/", StringComparison.Ordinal));
        source.Dependencies.Should().Contain(d => d.From == "Endpoints/Token" && d.To == "ClientAuthentication" && d.Type == "ClientAuthenticator");
    }

    [Fact]
    public void Check_DownwardEdges_Pass()
    {
        var problems = FolderGraphChecker.Check(
            [Edge("Endpoints/Token", "Tokens", "Endpoints/Token/TokenRequestHandler.cs", "TokenIssuer"), Edge("Tokens", "Protocol", "Tokens/TokenIssuer.cs", "SecureValues")],
            s_floors,
            s_noSideways);

        problems.Should().BeEmpty();
    }

    [Fact]
    public void Check_DeliberateBackEdge_FailsNamingTheFiles()
    {
        var problems = FolderGraphChecker.Check(
            [
                Edge("Tokens", "Clients", "Tokens/TokenIssuer.cs", "SmartClient"),
                Edge("Clients", "Tokens", "Clients/ClientCors.cs", "TokenIssuer"),
            ],
            s_floors,
            s_noSideways);

        problems.Should().Contain(p => p.Contains("'Clients' (floor 2) depends on 'Tokens' (floor 3)", StringComparison.Ordinal)
            && p.Contains("Clients/ClientCors.cs names TokenIssuer", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("Folders Clients, Tokens depend on each other in a cycle", StringComparison.Ordinal)
            && p.Contains("Tokens/TokenIssuer.cs names SmartClient", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_CycleWithinOneFloor_Fails()
    {
        var floors = new Dictionary<string, int>(StringComparer.Ordinal) { ["A"] = 1, ["B"] = 1, ["C"] = 1 };
        var problems = FolderGraphChecker.Check(
            [Edge("A", "B", "A/X.cs", "Y"), Edge("B", "C", "B/Y.cs", "Z"), Edge("C", "A", "C/Z.cs", "X")],
            floors,
            new HashSet<int>());

        problems.Should().ContainSingle().Which.Should().Contain("Folders A, B, C depend on each other in a cycle").And.Contain("C/Z.cs names X");
    }

    [Fact]
    public void Check_SidewaysEdgeOnTheFeatureFloor_Fails()
    {
        var problems = FolderGraphChecker.Check(
            [Edge("Endpoints/Revocation", "Endpoints/Token", "Endpoints/Revocation/RevocationRequestHandler.cs", "TokenResponses")],
            s_floors,
            s_noSideways);

        problems.Should().ContainSingle().Which.Should().Contain("depends sideways on 'Endpoints/Token'").And.Contain("RevocationRequestHandler.cs names TokenResponses");
    }

    [Fact]
    public void Check_FolderWithoutFloor_Fails()
    {
        var problems = FolderGraphChecker.Check([Edge("Audit", "Protocol", "Audit/SmartAuditEvent.cs", "SecureValues")], s_floors, s_noSideways);

        problems.Should().ContainSingle().Which.Should().Contain("Folder 'Audit' has no floor");
    }

    private static FolderDependency Edge(string from, string to, string file, string type) => new(from, to, file, type);

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Smart.AspNetCore.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Smart.AspNetCore.sln not found above " + AppContext.BaseDirectory);
    }
}
