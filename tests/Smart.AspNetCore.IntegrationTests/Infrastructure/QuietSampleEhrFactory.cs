using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>The sample with no console logging (only the captured library logs), for runs of thousands of requests.</summary>
public sealed class QuietSampleEhrFactory : SampleEhrFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(LibraryLogs));
    }
}
