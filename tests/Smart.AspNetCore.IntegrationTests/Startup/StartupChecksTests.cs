using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Startup;

/// <summary>The start-up mistakes a new host made, each answered with a message that names the fix.</summary>
public sealed class StartupChecksTests : IDisposable
{
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), "smart-startup-" + Guid.NewGuid().ToString("N"), "keys.json");

    public void Dispose()
    {
        var folder = Path.GetDirectoryName(_keyFile)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static WebApplicationBuilder Builder(string environment, string fhirBaseUrl, CapturingLoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Smart:FhirBaseUrl"] = fhirBaseUrl, ["Smart:RequireHttps"] = fhirBaseUrl.StartsWith("http:", StringComparison.Ordinal) ? "false" : "true" });
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        return builder;
    }

    private static List<string> Warnings(CapturingLoggerProvider logs) => [.. logs.Messages.Where(m => m.Contains(" 4010 ", StringComparison.Ordinal))];

    [Fact]
    public async Task Start_NoSigningKeysInDevelopment_SuggestsAddDevelopmentSigningKeys()
    {
        var builder = Builder(Environments.Development, "http://localhost/fhir");
        builder.Services.AddSmartOnFhir();
        await using var app = builder.Build();

        var start = () => app.StartAsync();

        var failure = await start.Should().ThrowAsync<OptionsValidationException>();
        failure.Which.Failures.Should().Contain(f => f.StartsWith("Smart:Signing:Keys is empty. For development, call AddDevelopmentSigningKeys()", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_DevelopmentKeysInProduction_SaysTheyAreIgnored()
    {
        var builder = Builder(Environments.Production, "https://ehr.example.org/fhir");
        builder.Services.AddSmartOnFhir().AddDevelopmentSigningKeys(_keyFile);
        await using var app = builder.Build();

        var start = () => app.StartAsync();

        var failure = await start.Should().ThrowAsync<OptionsValidationException>();
        failure.Which.Failures.Should().Contain(f => f.Contains("AddDevelopmentSigningKeys() is ignored outside the Development environment (this one is 'Production')", StringComparison.Ordinal));
        File.Exists(_keyFile).Should().BeFalse();
    }

    [Fact]
    public async Task Start_FhirApiMappedOutsideBasePath_WarnsNamingBoth()
    {
        var logs = new CapturingLoggerProvider("Smart.AspNetCore");
        var builder = Builder(Environments.Development, "http://localhost/fhir", logs);
        builder.Services.AddSmartOnFhir().AddDevelopmentSigningKeys(_keyFile).AddResourceServer();
        await using var app = builder.Build();
        app.MapSmartOnFhir();

        // The old docs snippet: a FHIR API that maps its own /fhir, put inside a /fhir group.
        var fhir = app.MapGroup("/fhir").MapGroup("/fhir").RequireSmartAuthorization();
        fhir.MapGet("/{type}/{id}", (string type, string id) => Results.Ok());

        await app.StartAsync();

        var warning = Warnings(logs).Should().ContainSingle().Which;
        warning.Should().Contain("'/fhir/fhir/{type}/{id}'").And.Contain("('/fhir', from http://localhost/fhir)").And.Contain("app.MapGroup(\"/fhir\")");
        await app.StopAsync();
    }

    [Theory]
    [InlineData("http://localhost/fhir", "/fhir")]
    [InlineData("http://localhost/ehr/fhir", "/fhir")] // the host's PathBase is /ehr
    [InlineData("http://localhost", "")]
    public async Task Start_FhirApiUnderBasePath_DoesNotWarn(string fhirBaseUrl, string group)
    {
        var logs = new CapturingLoggerProvider("Smart.AspNetCore");
        var builder = Builder(Environments.Development, fhirBaseUrl, logs);
        builder.Services.AddSmartOnFhir().AddDevelopmentSigningKeys(_keyFile).AddResourceServer();
        await using var app = builder.Build();
        app.MapSmartOnFhir();
        var fhir = app.MapGroup(group).RequireSmartAuthorization();
        fhir.MapGet("/{type}/{id}", (string type, string id) => Results.Ok());
        fhir.MapGet("/{type}", (string type) => Results.Ok());

        await app.StartAsync();

        Warnings(logs).Should().BeEmpty();
        await app.StopAsync();
    }
}
