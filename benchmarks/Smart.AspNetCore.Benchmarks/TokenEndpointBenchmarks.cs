using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Smart.AspNetCore;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Benchmarks;

/// <summary>
/// The token endpoint in-process, through its real handler (form parsing, client authentication, atomic redemption,
/// signing, JSON): the authorization code exchange (access token + RS256 id_token + refresh token) and a rotating
/// refresh. Access tokens are signed with <see cref="AccessTokenAlgorithm"/>. <see cref="HarnessOnly"/> does what the
/// code exchange does around the handler (stores the code as /authorize would, builds the request context and its
/// body) without calling it: the token endpoint's own allocations are the difference.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet's [GlobalCleanup] disposes what [GlobalSetup] and the fields own.
public class TokenEndpointBenchmarks
#pragma warning restore CA1001
{
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string RedirectUri = "https://app.example.org/cb";

    private ServiceProvider _services = null!;
    private IAuthorizationCodeStore _codes = null!;
    private string _refreshToken = string.Empty;

    // The response body is reused (its capacity kept): Kestrel writes into its own pooled pipe, so a fresh stream per
    // call would only add the benchmark's allocations to the endpoint's.
    private readonly MemoryStream _response = new();

    [Params(SmartSigningAlgorithms.RS256, SmartSigningAlgorithms.ES256)]
    public string AccessTokenAlgorithm { get; set; } = SmartSigningAlgorithms.RS256;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IWebHostEnvironment>(new BenchmarkEnvironment());
        services.AddSingleton<IHostEnvironment>(sp => sp.GetRequiredService<IWebHostEnvironment>());
        var client = new SmartClient { ClientId = "app", RedirectUris = { RedirectUri }, AllowedScopes = { "launch", "openid", "fhirUser", "offline_access", "patient/*.rs" } };
        services.AddSmartOnFhir(o =>
        {
            o.FhirBaseUrl = new Uri("https://ehr.example.org/fhir");
            using var rsa = RSA.Create(2048);
            o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "rs", Pem = rsa.ExportPkcs8PrivateKeyPem() });
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "es", Algorithm = SmartSigningAlgorithms.ES256, Pem = ec.ExportECPrivateKeyPem() });
            o.Signing.AccessTokenAlgorithm = AccessTokenAlgorithm;
        }).AddInMemoryClients([client]);
        _services = services.BuildServiceProvider();
        _codes = _services.GetRequiredService<IAuthorizationCodeStore>();
        _refreshToken = ExchangeCodeAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _response.Dispose();
    }

    /// <summary>Issue a code into the store (what /authorize does at the end) and exchange it.</summary>
    [Benchmark]
    public Task<string> AuthorizationCodeExchange() => ExchangeCodeAsync();

    /// <summary>The code exchange's harness alone: the code stored, the request context and body, no handler.</summary>
    [Benchmark]
    public async Task<int> HarnessOnly()
    {
        var form = await StoreCodeAsync();
        await using var scope = _services.CreateAsyncScope();
        var context = CreateContext(scope.ServiceProvider, form);
        return context.Request.Body.CanRead ? form.Length : 0;
    }

    /// <summary>Refresh with rotation: each call presents the token the previous call returned.</summary>
    [Benchmark]
    public async Task<string> RefreshTokenRotation()
    {
        _refreshToken = await PostAsync($"grant_type=refresh_token&client_id=app&refresh_token={_refreshToken}");
        return _refreshToken;
    }

    private async Task<string> ExchangeCodeAsync() => await PostAsync(await StoreCodeAsync());

    /// <summary>Stores a fresh code (what /authorize does at the end) and returns the form that exchanges it.</summary>
    private async Task<string> StoreCodeAsync()
    {
        var code = SecureValues.CreateHandle();
        await _codes.StoreAsync(SecureValues.HashHandle(code), new SmartAuthorizationCode
        {
            Grant = new SmartGrant
            {
                GrantId = SecureValues.CreateHandle(),
                ClientId = "app",
                Subject = "clinician",
                SessionId = "s1",
                Scope = "launch openid fhirUser offline_access patient/Patient.rs patient/Observation.rs",
                FhirUser = "Practitioner/prac-001",
                CreatedAt = DateTimeOffset.UtcNow,
                LaunchContext = new SmartLaunchContext { Patient = "peds-001", NeedPatientBanner = true },
            },
            RedirectUri = RedirectUri,
            CodeChallenge = Pkce.CreateChallenge(Verifier),
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(1),
        }, CancellationToken.None);
        return $"grant_type=authorization_code&client_id=app&code={code}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&code_verifier={Verifier}";
    }

    private DefaultHttpContext CreateContext(IServiceProvider services, string form)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(Encoding.ASCII.GetBytes(form));
        _response.SetLength(0);
        context.Response.Body = _response;
        return context;
    }

    /// <summary>Posts the form to the real handler and returns the response's <c>refresh_token</c> (read without a DOM).</summary>
    private async Task<string> PostAsync(string form)
    {
        await using var scope = _services.CreateAsyncScope();
        var context = CreateContext(scope.ServiceProvider, form);
        var response = _response;
        await TokenEndpoint.HandleAsync(context, scope.ServiceProvider.GetRequiredService<TokenRequestHandler>(), scope.ServiceProvider.GetRequiredService<Smart.AspNetCore.Requests.OAuthRequestReader>(), scope.ServiceProvider.GetRequiredService<Smart.AspNetCore.Diagnostics.SmartOnFhirTelemetry>());
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException(Encoding.UTF8.GetString(response.ToArray()));
        }

        return RefreshTokenOf(response.GetBuffer().AsSpan(0, (int)response.Length));
    }

    private static string RefreshTokenOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("refresh_token"u8) && reader.Read())
            {
                return reader.GetString()!;
            }
        }

        throw new InvalidOperationException("The token response has no refresh_token.");
    }

    private sealed class BenchmarkEnvironment : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string ApplicationName { get; set; } = "Benchmarks";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public string EnvironmentName { get; set; } = Environments.Production;
    }
}
