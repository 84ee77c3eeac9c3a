using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Tests.Signing;

namespace Smart.AspNetCore.Tests.Configuration;

/// <summary>Options and clients are bound from configuration and validated when the host starts, all problems at once.</summary>
public class StartupValidationTests
{
    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Fact]
    public async Task Start_InvalidOptionsAndClients_FailsWithEveryProblem()
    {
        var builder = Builder(new()
        {
            ["Smart:FhirBaseUrl"] = "http://ehr.example.org/fhir/",
            ["Smart:Clients:0:ClientId"] = "app",
            ["Smart:Clients:0:RedirectUris:0"] = "https://app.example.org/*",
            ["Smart:Clients:1:ClientId"] = "app",
            ["Smart:Clients:1:RedirectUris:0"] = "https://app.example.org/cb",
        });
        builder.Services.AddSmartOnFhir();
        await using var app = builder.Build();

        var start = () => app.StartAsync();

        // Both option sets fail, and each reports all of its problems.
        var failure = await start.Should().ThrowAsync<AggregateException>();
        var failures = failure.Which.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        failures.Should().Contain(f => f.Contains("must not end with '/'", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("plain HTTP", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("Smart:Signing", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("Client 'app' is registered twice", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("Client 'app': RedirectUris contains 'https://app.example.org/*'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ClientsFromConfiguration_AreRegisteredAndValidated()
    {
        var builder = Builder(new()
        {
            ["Smart:FhirBaseUrl"] = "https://ehr.example.org/fhir",
            ["Smart:Signing:Keys:0:Pem"] = SigningTestKeys.RsaPkcs8Pem(),
            ["Smart:Clients:0:ClientId"] = "config-app",
            ["Smart:Clients:0:Kind"] = "ConfidentialSymmetric",
            ["Smart:Clients:0:RedirectUris:0"] = "https://app.example.org/cb",
            ["Smart:Clients:0:AllowedScopes:0"] = "patient/*.rs",
            ["Smart:Clients:0:Secrets:0:Sha256"] = SmartClientSecret.FromPlainText("a-config-secret-value").Sha256,
            ["Smart:Clients:0:AccessTokenLifetime"] = "00:30:00",
        });
        builder.Services.AddSmartOnFhir().AddInMemoryClients([new SmartClient { ClientId = "code-app", RedirectUris = { "https://code.example.org/cb" } }]);
        await using var app = builder.Build();
        await app.StartAsync();

        using var scope = app.Services.CreateScope();
        var registry = scope.ServiceProvider.GetRequiredService<IClientRegistry>();
        var fromConfig = await registry.FindByIdAsync("config-app", CancellationToken.None);

        fromConfig.Should().NotBeNull();
        fromConfig!.Kind.Should().Be(SmartClientKind.ConfidentialSymmetric);
        fromConfig.AccessTokenLifetime.Should().Be(TimeSpan.FromMinutes(30));
        fromConfig.Secrets.Should().ContainSingle();
        (await registry.FindByIdAsync("code-app", CancellationToken.None)).Should().NotBeNull();
        (await registry.FindByIdAsync("unknown", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public void AddSmartOnFhir_CalledTwice_RegistersServicesOnce()
    {
        var services = new ServiceCollection();

        services.AddSmartOnFhir(o => o.FhirBaseUrl = new Uri("https://a.example/fhir"));
        var count = services.Count;
        services.AddSmartOnFhir();

        services.Count.Should().Be(count);
    }

    [Fact]
    public async Task Start_DevelopmentSigningKeysOutsideDevelopment_FailsWithAClearMessage()
    {
        var builder = Builder(new() { ["Smart:FhirBaseUrl"] = "https://ehr.example.org/fhir" });
        builder.Environment.EnvironmentName = "Production";
        builder.Services.AddSmartOnFhir().AddDevelopmentSigningKeys(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "keys.json"));
        await using var app = builder.Build();

        var start = () => app.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("Smart:Signing");
    }
}
