using System.Diagnostics;
using System.Text;

namespace Smart.AspNetCore.IntegrationTests.Templates;

/// <summary>
/// Issue 16 item 4: <c>dotnet new smart-ehr</c> end to end. Smart.AspNetCore and Smart.AspNetCore.Testing (under a
/// version of this run) and the template package are packed into a temp folder feed; the template is installed into a
/// temp hive (temp <c>DOTNET_CLI_HOME</c>, <c>--debug:custom-hive</c>: the user's templates are untouched), a solution
/// is generated, and its own tests (<c>WithSmartToken</c> on the protected endpoint, a standalone launch through the
/// flow driver) run with <c>dotnet test</c> against a nuget.config naming the temp feed and inheriting the machine's
/// registry, with a temp package folder (the user's cache is read-only fallback). Everything is deleted afterwards.
/// </summary>
public sealed class SmartEhrTemplateTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _temp = Directory.CreateTempSubdirectory("smart-template-").FullName;

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

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact] // RS-3..RS-6, AUTHZ-11, AUTHZ-12, AUTHZ-14 in the generated host's own tests.
    public async Task DotnetNewSmartEhr_GeneratedSolution_BuildsAndItsTestsPass()
    {
        var feed = Path.Combine(_temp, "feed");
        var hive = Path.Combine(_temp, "hive");
        var output = Path.Combine(_temp, "Acme.Ehr");
        var version = "0.1.0-templatetest-t" + Guid.NewGuid().ToString("N")[..8];
        var suffix = version["0.1.0-".Length..];
        var nuspecs = Path.Combine(_temp, "nuspec") + Path.DirectorySeparatorChar; // not left in the repo's obj/
        var root = s_root.Value;

        // The libraries were built by this test project's build (project references): pack those outputs.
        await DotnetAsync(root, "pack", Path.Combine(root, "src", "Smart.AspNetCore", "Smart.AspNetCore.csproj"), "-c", Configuration, "--no-build", "-o", feed, "-p:VersionSuffix=" + suffix, "-p:NuspecOutputPath=" + nuspecs);
        await DotnetAsync(root, "pack", Path.Combine(root, "src", "Smart.AspNetCore.Testing", "Smart.AspNetCore.Testing.csproj"), "-c", Configuration, "--no-build", "-o", feed, "-p:VersionSuffix=" + suffix, "-p:NuspecOutputPath=" + nuspecs);
        await DotnetAsync(root, "pack", Path.Combine(root, "templates", "Smart.AspNetCore.Templates", "Smart.AspNetCore.Templates.csproj"), "-c", Configuration, "-o", feed, "-p:NuspecOutputPath=" + nuspecs);
        var templatePackage = Directory.GetFiles(feed, "Smart.AspNetCore.Templates.*.nupkg").Should().ContainSingle().Subject;

        var installed = await DotnetAsync(_temp, "new", "install", templatePackage, "--debug:custom-hive", hive);
        installed.Should().Contain("smart-ehr");
        await DotnetAsync(_temp, "new", "smart-ehr", "-o", output, "-n", "Acme.Ehr", "--SmartVersion", version, "--debug:custom-hive", hive);

        File.Exists(Path.Combine(output, "Acme.Ehr.sln")).Should().BeTrue();
        File.ReadAllText(Path.Combine(output, "src", "Acme.Ehr", "Acme.Ehr.csproj")).Should().Contain($"Include=\"Smart.AspNetCore\" Version=\"{version}\"");
        File.ReadAllText(Path.Combine(output, "tests", "Acme.Ehr.Tests", "Acme.Ehr.Tests.csproj")).Should().Contain($"Include=\"Smart.AspNetCore.Testing\" Version=\"{version}\"");

        var userCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(output, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <!-- The temp feed; the machine's registry is inherited (no <clear/>), as in the repo's nuget.config. -->
            <configuration>
              <packageSources>
                <add key="smart-template-test" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-cache" value="{userCache}" />
              </fallbackPackageFolders>
            </configuration>
            """, Encoding.UTF8);

        var tests = await DotnetAsync(output, "test", "Acme.Ehr.sln");

        tests.Should().MatchRegex(@"Passed! +- Failed: +0, Passed: +3, Skipped: +0, Total: +3");
        Directory.Exists(Path.Combine(_temp, "packages", "smart.aspnetcore", version)).Should().BeTrue("the library came from the temp feed");
    }

    private async Task<string> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A child of the test host: not the parent's MSBuild or test platform settings, the temp home and package folder.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_HOME"] = Path.Combine(_temp, "home");
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_temp, "packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await stdout;
        process.ExitCode.Should().Be(0, "dotnet {0} failed:\n{1}\n{2}", string.Join(' ', arguments), text, await stderr);
        return text;
    }
}
