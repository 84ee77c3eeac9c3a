// A loopback-only host for load tests (benchmarks/load-test.sh). Arguments:
//   --port N            listen on 127.0.0.1:N (default 5099)
//   --alg ES256|RS256   algorithm of the access tokens (default RS256)
//   --cache on|off      the SMART resource server's validated-token cache (default on)
//   --library on|off    off: the same host without Smart.AspNetCore (same bare JwtBearer scheme, authentication and
//                       authorization middleware, /bare and /plain; no /fhir), to measure the library's cost on
//                       routes it does not handle (default on)
// Environment: RATE_LIMIT=on turns the library's rate limiting on with budgets no run reaches (its counters' cost only);
// REDIS=<configuration> runs on the Redis stores (benchmarks/redis-load-test.sh); REFRESH_TOKENS=N stores N
// refresh tokens of client "load" and writes them to refresh-tokens-{port}.txt: the seeds of the refresh chains of
// benchmarks/refresh-chain.lua.
// Routes: /fhir/Patient/{id} behind full SMART enforcement; /bare/Patient/{id} behind a separate, bare JwtBearer scheme
// validating the same tokens with the same parameters (default JsonWebTokenHandler, no cache); /plain (no auth);
// /stats/allocated, the bytes this process has allocated so far (the load test reads it before and after a run).
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.ResourceServer;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var port = int.Parse(Arg("port", "5099"), System.Globalization.CultureInfo.InvariantCulture);
var alg = Arg("alg", "RS256");
var cache = Arg("cache", "on") == "on";
var library = Arg("library", "on") == "on";
var fhirBase = $"http://127.0.0.1:{port}/fhir";
const string PatientJson = """{"resourceType":"Patient","id":"p1","name":[{"family":"Rivera","given":["Emma"]}],"gender":"female","birthDate":"2022-11-11"}""";

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
using var rsa = RSA.Create(2048);
var rsaPem = rsa.ExportPkcs8PrivateKeyPem();
using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var ecPem = ec.ExportPkcs8PrivateKeyPem();
SecurityKey signing = alg == "ES256" ? new ECDsaSecurityKey(ec) { KeyId = "es" } : new RsaSecurityKey(rsa) { KeyId = "rs" };

var redis = Environment.GetEnvironmentVariable("REDIS");
var loadClient = new SmartClient { ClientId = "load", Kind = SmartClientKind.Public, Consent = SmartConsentPolicy.Trusted };
loadClient.RedirectUris.Add($"http://127.0.0.1:{port}/cb");
loadClient.AllowedScopes.Add("patient/*.rs");
loadClient.AllowedScopes.Add("offline_access");
loadClient.AllowedGrantTypes.Add("authorization_code");
loadClient.AllowedGrantTypes.Add("refresh_token");
if (library)
{
    var smart = builder.Services.AddSmartOnFhir(o =>
    {
        o.FhirBaseUrl = new Uri(fhirBase);
        o.RequireHttps = false;
        o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "rs", Pem = rsaPem });
        o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "es", Pem = ecPem, Algorithm = "ES256" });
        o.Signing.AccessTokenAlgorithm = alg;
        o.RateLimiting.Enabled = Environment.GetEnvironmentVariable("RATE_LIMIT") == "on";
        o.RateLimiting.RequestsPerAddress = 1_000_000;
        o.RateLimiting.RequestsPerClient = 1_000_000;
    }).AddInMemoryClients([loadClient]);
    smart.AddResourceServer(o => o.TokenCache.Enabled = cache);
    if (!string.IsNullOrEmpty(redis))
    {
        smart.AddStackExchangeRedisStores(o =>
        {
            o.Configuration = redis;
            o.KeyPrefix = "load:";
        });
    }
}

// The bare scheme: the same validation parameters as the SMART scheme, the default handler, no events.
var publicKeys = new SecurityKey[] { new RsaSecurityKey(rsa) { KeyId = "rs" }, new ECDsaSecurityKey(ec) { KeyId = "es" } };
builder.Services.AddAuthentication().AddJwtBearer("Bare", o =>
{
    o.MapInboundClaims = false;
    o.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = fhirBase,
        ValidAudience = fhirBase,
        IssuerSigningKeys = publicKeys,
        ValidAlgorithms = ["RS256", "ES256"],
        ValidTypes = ["at+jwt"],
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
    };
});
builder.Services.AddAuthorizationBuilder().AddPolicy("bare", p => p.AddAuthenticationSchemes("Bare").RequireAuthenticatedUser());

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
static IResult Read(string id) => Results.Text(PatientJson, "application/fhir+json");
if (library)
{
    app.MapSmartOnFhir();
    app.MapGroup("/fhir").RequireSmartAuthorization().MapGet("/Patient/{id}", Read);
}

app.MapGroup("/bare").RequireAuthorization("bare").MapGet("/Patient/{id}", Read);
app.MapGet("/plain", () => Results.Text(PatientJson, "application/json"));
app.MapGet("/stats/allocated", () => Results.Text(GC.GetTotalAllocatedBytes(precise: true).ToString(System.Globalization.CultureInfo.InvariantCulture)));

var handler = new JsonWebTokenHandler();
string Token(string scope) => handler.CreateToken(new SecurityTokenDescriptor
{
    Issuer = fhirBase,
    Audience = fhirBase,
    Expires = DateTime.UtcNow.AddHours(1),
    TokenType = "at+jwt",
    Claims = new Dictionary<string, object> { ["sub"] = "u1", ["client_id"] = "load", ["scope"] = scope, ["patient"] = "p1", ["jti"] = Guid.NewGuid().ToString() },
    SigningCredentials = new SigningCredentials(signing, alg),
});

File.WriteAllText(Path.Combine(AppContext.BaseDirectory, $"token-user-{port}.txt"), Token("user/*.rs"));
File.WriteAllText(Path.Combine(AppContext.BaseDirectory, $"token-patient-{port}.txt"), Token("launch patient/*.rs"));

// Refresh tokens for the refresh-grant run, stored through whichever store is registered (one per request: they rotate).
var refreshCount = int.Parse(Environment.GetEnvironmentVariable("REFRESH_TOKENS") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
if (library && refreshCount > 0)
{
    var store = app.Services.GetRequiredService<IRefreshTokenStore>();
    var handles = new string[refreshCount];
    var now = DateTimeOffset.UtcNow;
    await Parallel.ForAsync(0, refreshCount, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    {
        var handle = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        handles[i] = handle;
        var grant = new SmartGrant { GrantId = Guid.NewGuid().ToString("N"), ClientId = "load", Subject = "u1", SessionId = "s1", Scope = "patient/*.rs offline_access", CreatedAt = now, LaunchContext = new SmartLaunchContext { Patient = "p1" } };
        var key = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(handle)));
        await store.StoreAsync(key, new SmartRefreshToken { Grant = grant, ExpiresAt = now.AddHours(1) }, ct);
    });
    File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, $"refresh-tokens-{port}.txt"), handles);
}

app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("ready"));
app.Run();
