using Microsoft.AspNetCore.Hosting;
using Smart.AspNetCore.Testing;
using Smart.AspNetCore.Testing.Flows;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>
/// The sample EHR through the public test kit (Smart.AspNetCore.Testing), as a host's own suite would set it up: the
/// kit's test keys and, with <see cref="SmartTestingOptions.UseFakeTimeProvider"/>, its fake clock; plus the sample's
/// settings shared with <see cref="SampleEhrFactory"/> (issuer at the test server's origin, no rate limiting).
/// Suites migrated to the kit use it; nothing here needs the library's internals.
/// </summary>
public class KitSampleEhrFactory : SmartWebApplicationFactory<Program>
{
    public KitSampleEhrFactory()
    {
    }

    protected KitSampleEhrFactory(SmartTestingOptions options)
        : base(options)
    {
    }

    /// <summary>A flow driver playing the sample's Growth Chart app (public, PKCE).</summary>
    public SmartFlowDriver GrowthChart() => SmartFlowDriver.Create(this, new SmartFlowOptions
    {
        ClientId = SmartFlowClient.GrowthChart,
        RedirectUri = new Uri(SmartFlowClient.GrowthChartRedirect),
    });

    /// <summary>A flow driver playing the sample's confidential app (HTTP Basic).</summary>
    public SmartFlowDriver ConfidentialApp() => SmartFlowDriver.Create(this, new SmartFlowOptions
    {
        ClientId = "confidential-app",
        ClientSecret = "confidential-secret",
        RedirectUri = new Uri(SampleEhrFactory.Origin + "/apps/confidential/callback"),
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Smart:FhirBaseUrl", SampleEhrFactory.FhirBase);
        builder.UseSetting("Telemetry:ConsoleExporter", "false");
        builder.UseSetting("RateLimiting:Enabled", "false");
    }
}

/// <summary>The sample through the kit with the kit's fake clock, starting at the real time (so cookies stay valid).</summary>
public sealed class KitFakeClockSampleEhrFactory() : KitSampleEhrFactory(new SmartTestingOptions { UseFakeTimeProvider = true })
{
    public new Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => base.Clock!;
}
