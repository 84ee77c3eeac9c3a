using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Tests.Architecture;

namespace Smart.AspNetCore.Tests.Protocol;

/// <summary>
/// The error catalogue (<see cref="SmartErrors"/>): stable, unique ids with protocol error codes, and docs/errors.md
/// generated from it. Run with <c>SMART_UPDATE_DOCS=1</c> to rewrite the page after adding an error.
/// </summary>
public sealed partial class ErrorCatalogueTests
{
    private static readonly string[] s_protocolCodes =
    [
        OAuthErrorCodes.InvalidRequest, OAuthErrorCodes.InvalidClient, OAuthErrorCodes.InvalidGrant, OAuthErrorCodes.UnauthorizedClient,
        OAuthErrorCodes.UnsupportedGrantType, OAuthErrorCodes.UnsupportedResponseType, OAuthErrorCodes.InvalidScope, OAuthErrorCodes.AccessDenied,
        OAuthErrorCodes.ServerError, OAuthErrorCodes.TemporarilyUnavailable, OAuthErrorCodes.InvalidToken, OAuthErrorCodes.InsufficientScope,
        OAuthErrorCodes.UnsupportedTokenType, OAuthErrorCodes.LoginRequired, OAuthErrorCodes.ConsentRequired, OAuthErrorCodes.InteractionRequired, // OpenID Connect Core §3.1.2.6
    ];

    internal static IReadOnlyList<(string Area, string Name, SmartErrorDescriptor Error)> Catalogue() =>
        [.. typeof(SmartErrors).GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
            .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(SmartErrorDescriptor))
                .Select(f => (area.Name, f.Name, (SmartErrorDescriptor)f.GetValue(null)!)))
            .OrderBy(e => e.Item3.Id, StringComparer.Ordinal)];

    [Fact]
    public void Catalogue_IdsAreUniqueAndWellFormed()
    {
        var catalogue = Catalogue();

        catalogue.Should().HaveCountGreaterThan(60);
        catalogue.Select(e => e.Error.Id).Should().OnlyHaveUniqueItems();
        catalogue.Should().OnlyContain(e => IdPattern().IsMatch(e.Error.Id), "ids look like SMART-AREA-nnn");
    }

    [Fact]
    public void Catalogue_UsesProtocolErrorCodesAndRealStatuses()
    {
        var catalogue = Catalogue();

        catalogue.Should().OnlyContain(e => s_protocolCodes.Contains(e.Error.Error));
        catalogue.Should().OnlyContain(e => e.Error.Status == 302 || (e.Error.Status >= 400 && e.Error.Status < 500) || (e.Error.Id.StartsWith("SMART-SERVER-", StringComparison.Ordinal) && e.Error.Status >= 500));
        catalogue.Should().OnlyContain(e => e.Error.Description.Length > 0 && !e.Error.Description.Contains("{1}", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_FillsTheValueAndKeepsTheId()
    {
        var error = SmartErrors.Token.ParameterRepeated.Create("scope");

        error.Should().Be(new OAuthError("SMART-TOKEN-002", OAuthErrorCodes.InvalidRequest, "The scope parameter is repeated."));
    }

    [Fact]
    public void ErrorsPage_MatchesTheCatalogue()
    {
        var path = Path.Combine(FolderGraphTests.RepositoryRoot(), "docs", "errors.md");
        var expected = Render(Catalogue());
        if (Environment.GetEnvironmentVariable("SMART_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        File.Exists(path).Should().BeTrue("docs/errors.md is generated: run the tests once with SMART_UPDATE_DOCS=1");
        File.ReadAllText(path).ReplaceLineEndings("\n").Should().Be(expected, "docs/errors.md is generated from SmartErrors: run the tests with SMART_UPDATE_DOCS=1 and commit the page");
    }

    private static string Render(IReadOnlyList<(string Area, string Name, SmartErrorDescriptor Error)> catalogue)
    {
        var page = new StringBuilder();
        page.Append("""
            # Error catalogue

            Every protocol error Smart.AspNetCore returns has a stable id. The id is written into the log line of every
            refusal (event ids 2000, 3000, 3111, 3120, 4000 and 4002 in [configuration](configuration.md#log-event-ids)), so an
            operator can search a log for `SMART-TOKEN-014` and find the rule below. The `error` codes are the protocol's
            (RFC 6749, RFC 6750, RFC 7009, RFC 7662) and never change; descriptions may be reworded, ids never are.
            `{0}` stands for a value filled in at the time (a parameter name, a scope, a limit).

            Status 302 means the error is redirected to the client's registered `redirect_uri` with `error`,
            `error_description` and `state`; authorization errors found before the client and its `redirect_uri` are known
            are shown on the error page instead (400) and never redirected. `invalid_client` answers 401 with
            `WWW-Authenticate: Basic` when the client authenticated with HTTP Basic, else 400.

            This page is generated from `src/Smart.AspNetCore/Protocol/SmartErrors.cs` by `ErrorCatalogueTests`
            (`SMART_UPDATE_DOCS=1 dotnet test --filter ErrorCatalogue` rewrites it).

            """.ReplaceLineEndings("\n"));
        foreach (var area in catalogue.GroupBy(e => e.Area).OrderBy(g => g.Min(e => e.Error.Id), StringComparer.Ordinal))
        {
            page.Append("\n## ").Append(area.Key).Append("\n\n| id | error | status | description |\n|---|---|---:|---|\n");
            foreach (var (_, _, error) in area)
            {
                page.Append("| `").Append(error.Id).Append("` | `").Append(error.Error).Append("` | ").Append(error.Status)
                    .Append(" | ").Append(error.Description.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }
        }

        return page.ToString();
    }

    [GeneratedRegex("^SMART-(AUTHZ|CLIENT|TOKEN|INTROSPECT|REVOKE|RS|REQUEST|SERVER)-[0-9]{3}$")]
    private static partial Regex IdPattern();
}
