using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Smart.AspNetCore.IntegrationTests.Infrastructure;
using Smart.AspNetCore.Testing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>
/// Two instances of the sample EHR (real Kestrel servers on loopback ports) sharing one real redis-server, behind a
/// YARP round-robin balancer: consecutive requests reach alternate instances. Each instance names itself in an
/// <c>X-Instance</c> response header. Both advertise the same FHIR base (<c>http://localhost/fhir</c>): nothing in the
/// library reads the request's Host, so the clients simply talk to the balancer's port.
/// </summary>
public class FarmFixture : IAsyncLifetime
{
    private InstanceFactory? _a;
    private InstanceFactory? _b;
    private WebApplication? _balancer;

    public RedisServer Server { get; } = new();

    public string BalancerUrl { get; private set; } = string.Empty;

    /// <summary>Settings every instance gets on top of the Redis sample's (none here; a derived fixture adds its own).</summary>
    protected virtual IReadOnlyDictionary<string, string> InstanceSettings { get; } = new Dictionary<string, string>();

    /// <summary>
    /// Whether the instances advertise the balancer (<c>http://localhost:PORT/fhir</c>) as their FHIR base, as a real
    /// farm's do: needed when a browser follows the advertised URLs. Otherwise they advertise <c>http://localhost/fhir</c>.
    /// </summary>
    protected virtual bool AdvertiseBalancer => false;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        BalancerUrl = AdvertiseBalancer ? $"http://localhost:{port}" : $"http://127.0.0.1:{port}";
        _a = Start("A");

        // Instance A creates the Data Protection key (login cookies, antiforgery) before B starts, as in a rolling start.
        using (var client = new HttpClient { BaseAddress = new Uri(_a.Url) })
        {
            (await client.GetAsync(new Uri("/account/login", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        _b = Start("B");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BalancerUrl);
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "ehr", ClusterId = "ehr", Match = new RouteMatch { Path = "{**catch-all}" } }],
            [new ClusterConfig
            {
                ClusterId = "ehr",
                LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["a"] = new() { Address = _a.Url },
                    ["b"] = new() { Address = _b.Url },
                },
            }]);
        _balancer = builder.Build();
        _balancer.MapReverseProxy();
        await _balancer.StartAsync();
    }

    /// <summary>A flow client (a browser with cookies, and an app) talking to the balancer only.</summary>
    public SmartFlowClient NewFlow()
    {
        var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(BalancerUrl) };
        var app = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(BalancerUrl) };
        return new SmartFlowClient(browser, app);
    }

    public async Task DisposeAsync()
    {
        if (_balancer is not null)
        {
            await _balancer.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        Server.Dispose();
    }

    private InstanceFactory Start(string name)
    {
        var port = FreePort();
        var factory = new InstanceFactory(Server.Configuration, name, $"http://127.0.0.1:{port}", InstanceSettings, AdvertiseBalancer ? BalancerUrl + "/fhir" : null);
        factory.UseKestrel(port);
        factory.StartServer();
        return factory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class InstanceFactory(string redis, string name, string url, IReadOnlyDictionary<string, string> settings, string? fhirBase) : RedisSampleEhrFactory(redis)
    {
        public string Url { get; } = url;

        protected override string FhirBaseUrl => fhirBase ?? base.FhirBaseUrl;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("urls", Url);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new InstanceHeader(name)));
        }
    }

    private sealed class InstanceHeader(string name) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.Headers["X-Instance"] = name;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
