using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>
/// The sample EHR on a real loopback port (Kestrel), for clients that open their own connections: a Node process,
/// another ASP.NET Core host's HTTP client. The FHIR base (and issuer) is <c>http://localhost:PORT/fhir</c>.
/// </summary>
public sealed class KestrelSampleEhr : IAsyncLifetime
{
    private Factory? _factory;

    /// <summary><c>http://localhost:PORT</c>.</summary>
    public string Origin { get; private set; } = string.Empty;

    /// <summary><c>http://localhost:PORT/fhir</c>: the FHIR base URL and the issuer.</summary>
    public string FhirBase => Origin + "/fhir";

    /// <summary>Services added to the sample before it starts (for example another registered client).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>The running sample (its services, its logs).</summary>
    public SampleEhrFactory Sample => _factory ?? throw new InvalidOperationException("The sample is not started.");

    public Task InitializeAsync()
    {
        var port = FreePort();
        Origin = $"http://localhost:{port}";
        _factory = new Factory(FhirBase, ConfigureServices);
        _factory.UseKestrel(port);
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>A free TCP port on 127.0.0.1 (the OS picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Factory(string fhirBaseUrl, Action<IServiceCollection>? configureServices) : SampleEhrFactory
    {
        protected override string FhirBaseUrl => fhirBaseUrl;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (configureServices is not null)
            {
                builder.ConfigureServices(configureServices);
            }
        }
    }
}
