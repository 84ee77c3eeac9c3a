using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Smart.AspNetCore.ResourceServer;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Benchmarks;

/// <summary>
/// The resource server's authorization handler for one permitted read of the context patient (classify, decide, the
/// security-label response check, the decision feature), with and without a host <c>OnAccessDecision</c> hook.
/// The access context is the one the bearer scheme caches for the request; one HTTP context is reused.
/// </summary>
[MemoryDiagnoser]
public class ScopeAuthorizationHandlerBenchmarks
{
    private readonly IAuthorizationRequirement[] _requirements = [SmartScopeRequirement.Instance];
    private ServiceProvider _services = null!;
    private SmartScopeAuthorizationHandler _handler = null!;
    private DefaultHttpContext _http = null!;

    /// <summary>Whether the host assigned <c>SmartOnFhirEvents.OnAccessDecision</c> (a hook that only observes).</summary>
    [Params(false, true)]
    public bool Hook { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            ApplicationName = "Benchmarks",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            ContentRootFileProvider = new NullFileProvider(),
        });
        services.AddSmartOnFhir(o =>
        {
            o.FhirBaseUrl = new Uri("https://ehr.example.org/fhir");
            using var rsa = RSA.Create(2048);
            o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "rs", Pem = rsa.ExportPkcs8PrivateKeyPem() });
            if (Hook)
            {
                o.Events.OnAccessDecision = _ => Task.CompletedTask;
            }
        }).AddResourceServer();
        _services = services.BuildServiceProvider();
        _handler = _services.GetServices<IAuthorizationHandler>().OfType<SmartScopeAuthorizationHandler>().Single();

        _http = new DefaultHttpContext { RequestServices = _services };
        _http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "user1")], SmartResourceServerDefaults.AccessTokenScheme));
        _http.Request.Method = "GET";
        _http.Request.Path = "/fhir/Patient/p1";
        _http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(SmartResponseFilterMetadata.Instance), "FHIR read"));
        _http.Features.Set(new SmartAccessContext(
            "app", "user1", SmartScopeSet.Parse("launch openid fhirUser patient/Patient.rs patient/Observation.rs"), "p1", null, "Practitioner/dr1", "https://ehr.example.org/fhir"));
        if (!AuthorizeRead().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark read is not permitted.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>Authorizes <c>GET /fhir/Patient/p1</c>.</summary>
    [Benchmark]
    public async Task<bool> AuthorizeRead()
    {
        var context = new AuthorizationHandlerContext(_requirements, _http.User, _http);
        await _handler.HandleAsync(context);
        return context.HasSucceeded;
    }
}
