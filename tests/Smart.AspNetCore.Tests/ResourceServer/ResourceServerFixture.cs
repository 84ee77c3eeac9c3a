namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>The one shared resource-server host of the integration tests.</summary>
public sealed class ResourceServerFixture : IAsyncLifetime
{
    public ResourceServerHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ResourceServerHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
