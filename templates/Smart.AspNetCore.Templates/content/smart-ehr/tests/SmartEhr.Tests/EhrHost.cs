using Microsoft.AspNetCore.Hosting;
using Smart.AspNetCore.Testing;

namespace SmartEhr.Tests;

/// <summary>The EHR through its real pipeline, with test signing keys, at the test server's address.</summary>
public sealed class EhrHost : SmartWebApplicationFactory<Program>
{
    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smart:FhirBaseUrl", "http://localhost/fhir");
    }
}
