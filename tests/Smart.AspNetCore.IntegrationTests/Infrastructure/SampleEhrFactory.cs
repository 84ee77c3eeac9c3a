using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>
/// The sample EHR in-process (TestServer), with the FHIR base at <c>http://localhost/fhir</c>, a signing key made for
/// the run (nothing written to the sample's folder) and, optionally, a fake clock.
/// </summary>
public class SampleEhrFactory : WebApplicationFactory<Program>
{
    public const string Origin = "http://localhost";
    public const string FhirBase = Origin + "/fhir";

    private static readonly string s_signingKeyPem = CreateKey();

    public FakeTimeProvider? Time { get; protected init; }

    /// <summary>Everything the library logs (categories <c>Smart.*</c>), at every level.</summary>
    public CapturingLoggerProvider LibraryLogs { get; } = new("Smart.AspNetCore");

    protected virtual string FhirBaseUrl => FhirBase;

    /// <summary>Whether the sample's rate limiting and login lockout are on (off for every suite not about them).</summary>
    protected virtual bool RateLimiting => false;

    /// <summary>
    /// Whether the sample's apps remember consent (on in the sample; off here, so that suites sharing one host see the
    /// consent page at every authorization; ConsentMemoryTests turn it on).
    /// </summary>
    protected virtual bool RememberConsent => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Smart:FhirBaseUrl", FhirBaseUrl);
        builder.UseSetting("Smart:Signing:Keys:0:Pem", s_signingKeyPem);
        builder.UseSetting("Smart:Signing:Keys:0:KeyId", "test-rs256");
        builder.UseSetting("Telemetry:ConsoleExporter", "false");

        // These suites hammer the sample from one address; throttling has its own tests (ThrottlingTests).
        builder.UseSetting("RateLimiting:Enabled", RateLimiting ? "true" : "false");
        builder.UseSetting("Consent:Remember", RememberConsent ? "true" : "false");
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace);
            logging.AddProvider(LibraryLogs);
        });
        builder.ConfigureServices(services =>
        {
            if (Time is not null)
            {
                services.AddSingleton<TimeProvider>(Time);
            }
        });
    }

    private static string CreateKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }
}
