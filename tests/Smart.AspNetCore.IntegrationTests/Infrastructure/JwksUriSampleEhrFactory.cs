using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
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

/// <summary>Serves a JWKS per URL and counts the requests.</summary>
public sealed class JwksStub : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, (string Json, string? CacheControl)> _sets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public ConcurrentBag<string> AcceptHeaders { get; } = [];

    public void Serve(string url, string json, string? cacheControl = null) => _sets[url] = (json, cacheControl);

    public int Requests(string url) => _counts.GetValueOrDefault(url);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        _counts.AddOrUpdate(url, 1, (_, n) => n + 1);
        AcceptHeaders.Add(request.Headers.Accept.ToString());
        if (request.Method != HttpMethod.Get || !_sets.TryGetValue(url, out var set))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(set.Json, Encoding.UTF8, "application/json") };
        if (set.CacheControl is not null)
        {
            response.Headers.TryAddWithoutValidation("Cache-Control", set.CacheControl);
        }

        return Task.FromResult(response);
    }
}
