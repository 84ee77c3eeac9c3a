using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// The sample EHR on a real loopback port (Kestrel) and Debian's Chromium driven by Playwright, so the official SMART
/// JavaScript client runs exactly as in a user's browser.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    private KestrelSampleEhrFactory? _factory;
    private IPlaywright? _playwright;

    public string Origin { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Origin = $"http://localhost:{port}";
        _factory = new KestrelSampleEhrFactory(Origin + "/fhir");
        _factory.UseKestrel(port);
        _factory.StartServer();

        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public Task<IBrowserContext> NewContextAsync() => Chromium.NewContextAsync(Browser);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class KestrelSampleEhrFactory(string fhirBaseUrl) : SampleEhrFactory
    {
        protected override string FhirBaseUrl => fhirBaseUrl;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
        }
    }
}
