using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Smart.AspNetCore.Configuration;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>
/// The sample with a fake clock and the Growth Chart app registered with its own refresh-token lifetime
/// (<see cref="SmartFlowClient.GrowthChart"/>, <see cref="RefreshTokenLifetime"/>), shorter than the online bound.
/// </summary>
public sealed class RefreshLifetimeSampleEhrFactory : SampleEhrFactory
{
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromHours(2);

    public RefreshLifetimeSampleEhrFactory()
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Time = Clock;
    }

    public FakeTimeProvider Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.PostConfigure<InMemoryClientOptions>(options =>
            options.Clients.Single(c => c.ClientId == SmartFlowClient.GrowthChart).RefreshTokenLifetime = RefreshTokenLifetime));
    }
}
