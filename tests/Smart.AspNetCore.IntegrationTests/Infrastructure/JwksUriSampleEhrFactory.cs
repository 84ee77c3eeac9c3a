using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Smart.AspNetCore.Clients;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>
/// The sample with a fake clock and extra backend clients registered by <c>jwks_uri</c> (CLIENT-2, CLIENT-6, CLIENT-7).
/// The URLs are answered by <see cref="JwksStub"/>, plugged in as the primary handler of the library's named
/// HttpClient: nothing leaves the process.
/// </summary>
public sealed class JwksUriSampleEhrFactory : SampleEhrFactory
{
    public const string KeysOrigin = "https://keys.example.org";

    public JwksUriSampleEhrFactory()
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Time = Clock;
    }

    public FakeTimeProvider Clock { get; }

    public JwksStub Stub { get; } = new();

    public static string ClientId(string name) => "jwks-uri-" + name;

    public static string Url(string name) => $"{KeysOrigin}/{name}/jwks.json";

    /// <summary>The demo backend key's public JWKS (kid <c>backend-service-rs384-1</c>).</summary>
    public static string BackendPublicJwks()
    {
        var key = ClientAssertions.PrivateKey(ClientAssertions.Backend);
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = key.Kty, kid = key.Kid, alg = key.Alg, use = "sig", n = key.N, e = key.E } } });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            var clients = new List<SmartClient>();
            foreach (var name in new[] { "cached", "unknown-kid", "rotation", "max-age", "jku" })
            {
                var client = new SmartClient { ClientId = ClientId(name), Kind = SmartClientKind.BackendService, JwksUri = new Uri(Url(name)) };
                client.AllowedScopes.Add("system/*.rs");
                clients.Add(client);
            }

            services.AddSmartOnFhir().AddInMemoryClients(clients);
            services.AddHttpClient(SmartOnFhirDefaults.ClientJwksHttpClientName).ConfigurePrimaryHttpMessageHandler(() => Stub);
        });
    }
}
