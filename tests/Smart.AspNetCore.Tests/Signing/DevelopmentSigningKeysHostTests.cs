using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Smart.AspNetCore.Tests.Signing;

/// <summary>
/// Issue 9: several hosts (instances of one EHR) started at the same moment on one content root, each with
/// <c>AddDevelopmentSigningKeys()</c>, end up with one key set, created once: they publish the same JWKS and the
/// content root holds one key file and no temporary leftovers.
/// </summary>
public sealed class DevelopmentSigningKeysHostTests
{
    private const int Hosts = 6;
    private const int Rounds = 5;

    [Fact] // SEC-4 (keys) across instances: one development key set for every instance on one content root.
    public async Task SixHostsStartingAtOnce_OneContentRoot_PublishOneJwksFromOneKeyFile()
    {
        // A first host on its own content root compiles the start-up path, so the racing hosts overlap in the key
        // creation itself instead of queueing behind the JIT.
        using (var warm = new TempDirectory())
        {
            (await StartAllAsync(warm.Path, 1)).Should().ContainSingle();
        }

        for (var round = 0; round < Rounds; round++)
        {
            using var contentRoot = new TempDirectory();

            var jwks = await StartAllAsync(contentRoot.Path, Hosts);

            var kids = jwks.Select(Kids).ToList();
            kids[0].Should().HaveCount(2, "one RS256 and one ES256 development key");
            kids.Should().OnlyContain(set => set.SequenceEqual(kids[0]), "every instance publishes the same keys (round {0})", round);
            jwks.Should().OnlyContain(set => set == jwks[0]);
            var files = Directory.GetFiles(contentRoot.Path, "*", SearchOption.AllDirectories);
            files.Should().ContainSingle().Which.Should().EndWith(Path.Combine("App_Data", "smart-signing-keys.json"));
        }
    }

    /// <summary>
    /// Builds and starts <paramref name="count"/> hosts on one content root at once (mapping the endpoints already
    /// reads the options, so building is part of the race), returns each one's JWKS.
    /// </summary>
    private static async Task<string[]> StartAllAsync(string contentRoot, int count)
    {
        var apps = new WebApplication?[count];
        try
        {
            using var go = new ManualResetEventSlim();
            var starts = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
            {
                go.Wait();
                var app = apps[i] = Build(contentRoot);
                await app.StartAsync();
                using var client = app.GetTestClient();
                return await client.GetStringAsync(new Uri("/fhir/" + SmartOnFhirDefaults.JwksPath, UriKind.Relative));
            })).ToArray();
            go.Set();
            return await Task.WhenAll(starts);
        }
        finally
        {
            foreach (var app in apps.OfType<WebApplication>())
            {
                await app.DisposeAsync();
            }
        }
    }

    private static WebApplication Build(string contentRoot)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = contentRoot,
            ApplicationName = "DevelopmentSigningKeysHostTests",
        });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSmartOnFhir(o => o.FhirBaseUrl = new Uri("https://ehr.example.org/fhir")).AddDevelopmentSigningKeys();
        var app = builder.Build();
        app.MapSmartOnFhir();
        return app;
    }

    private static List<string> Kids(string jwks)
    {
        using var document = JsonDocument.Parse(jwks);
        return [.. document.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).Order(StringComparer.Ordinal)];
    }
}
