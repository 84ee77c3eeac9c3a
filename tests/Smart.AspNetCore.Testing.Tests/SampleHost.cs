using Microsoft.AspNetCore.Hosting;
using Smart.AspNetCore.Testing;

namespace Smart.AspNetCore.Testing.Tests;

/// <summary>
/// The sample EHR under the kit, as a host's own fixture would look: the kit's factory plus two settings of the
/// sample (its issuer at the test server's origin, no rate limiting for a suite run from one address).
/// </summary>
public class SampleHost : SmartWebApplicationFactory<Program>
{
    public const string FhirBase = "http://localhost/fhir";

    public SampleHost()
    {
    }

    protected SampleHost(SmartTestingOptions options)
        : base(options)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smart:FhirBaseUrl", FhirBase);
        builder.UseSetting("RateLimiting:Enabled", "false");
        builder.UseSetting("Telemetry:ConsoleExporter", "false");
    }
}

/// <summary>The sample with the kit's fake clock.</summary>
public sealed class FakeClockSampleHost() : SampleHost(new SmartTestingOptions { UseFakeTimeProvider = true });
