using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Smart.AspNetCore.Tests.Architecture;

/// <summary>
/// Reads which types each source file of a project names from other folders, with Roslyn's semantic model (so a
/// property called <c>TokenEndpoint</c> is not mistaken for the type of that name). Comments and XML doc
/// <c>cref</c>s do not count. Generated code (logging, JSON source generators) is absent here, which only leaves out
/// what the generators themselves reference.
/// </summary>
internal static class SourceDependencyReader
{
    public static SourceDependencies Read(string projectDirectory)
    {
        var root = Path.GetFullPath(projectDirectory);
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f)).ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !Path.GetFileNameWithoutExtension(p).Equals("Smart.AspNetCore", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "DependencyReading",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var sourceTypeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                sourceTypeNames.Add(declaration.Identifier.ValueText);
            }
        }

        var dependencies = new HashSet<FolderDependency>();
        var unresolved = new List<string>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            var file = Relative(root, tree.FilePath);
            var folder = FolderOf(file);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (name.Ancestors().Any(a => a is UsingDirectiveSyntax or BaseNamespaceDeclarationSyntax && !IsInsideNamespaceBody(name, a)))
                {
                    continue;
                }

                var info = model.GetSymbolInfo(name);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                var type = TopLevelType(symbol);
                if (type is null)
                {
                    if (symbol is null && sourceTypeNames.Contains(name.Identifier.ValueText) && !IsDeclaration(name) && !IsMemberName(name))
                    {
                        unresolved.Add($"{file}: {name.Identifier.ValueText}");
                    }

                    continue;
                }

                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    var declaringFile = Relative(root, reference.SyntaxTree.FilePath);
                    dependencies.Add(new FolderDependency(folder, FolderOf(declaringFile), file, type.Name));
                }
            }
        }

        return new SourceDependencies(dependencies, unresolved, files.Count);
    }

    private static bool IsInsideNamespaceBody(SyntaxNode name, SyntaxNode ancestor) =>
        ancestor is BaseNamespaceDeclarationSyntax ns && !ns.Name.Span.Contains(name.Span);

    private static bool IsDeclaration(SimpleNameSyntax name) => name.Parent is BaseTypeDeclarationSyntax;

    // x.Token where Token is a member of x: a member name that happens to equal a type name.
    private static bool IsMemberName(SimpleNameSyntax name) => name.Parent is MemberAccessExpressionSyntax access && access.Name == name;

    private static INamedTypeSymbol? TopLevelType(ISymbol? symbol)
    {
        var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
        if (type is null)
        {
            return null;
        }

        type = type.OriginalDefinition;
        while (type.ContainingType is { } outer)
        {
            type = outer.OriginalDefinition;
        }

        return type.DeclaringSyntaxReferences.Length > 0 ? type : null;
    }

    private static bool IsBuildOutput(string relative)
    {
        var first = relative.Split(Path.DirectorySeparatorChar)[0];
        return first is "obj" or "bin";
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static string FolderOf(string relativeFile)
    {
        var slash = relativeFile.LastIndexOf('/');
        return slash < 0 ? "(root)" : relativeFile[..slash];
    }
}

/// <summary>What <see cref="SourceDependencyReader"/> found.</summary>
/// <param name="Dependencies">Every (file, type) pair, including those within one folder.</param>
/// <param name="Unresolved">Names of source types the semantic model could not resolve (should be none).</param>
/// <param name="FileCount">How many source files were read.</param>
internal sealed record SourceDependencies(IReadOnlySet<FolderDependency> Dependencies, IReadOnlyList<string> Unresolved, int FileCount);
