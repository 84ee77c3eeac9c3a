// A loopback-only host for load tests (benchmarks/load-test.sh): the same FHIR read behind full SMART enforcement and
// behind bare JwtBearer validation of the same tokens, so the overhead of SMART enforcement can be measured as a ratio.
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.ResourceServer;

const string FhirBase = "http://127.0.0.1:5099/fhir";
const string PatientJson = """{"resourceType":"Patient","id":"p1","name":[{"family":"Rivera","given":["Emma"]}],"gender":"female","birthDate":"2022-11-11"}""";

using var rsa = RSA.Create(2048);
var pem = rsa.ExportPkcs8PrivateKeyPem();

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:5099");
// REDIS=<configuration> runs the same host on the Redis stores (benchmarks/redis-load-test.sh); otherwise in memory.
var redis = Environment.GetEnvironmentVariable("REDIS");
var loadClient = new SmartClient { ClientId = "load", Kind = SmartClientKind.Public, Consent = SmartConsentPolicy.Trusted };
loadClient.RedirectUris.Add("http://127.0.0.1:5099/cb");
loadClient.AllowedScopes.Add("patient/*.rs");
loadClient.AllowedScopes.Add("offline_access");
loadClient.AllowedGrantTypes.Add("authorization_code");
loadClient.AllowedGrantTypes.Add("refresh_token");
var smart = builder.Services.AddSmartOnFhir(o =>
{
    o.FhirBaseUrl = new Uri(FhirBase);
    o.RequireHttps = false;
    o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "load", Pem = pem });
}).AddInMemoryClients([loadClient]);
smart.AddResourceServer();
if (!string.IsNullOrEmpty(redis))
{
    smart.AddStackExchangeRedisStores(o =>
    {
        o.Configuration = redis;
        o.KeyPrefix = "load:";
    });
}
builder.Services.AddAuthorizationBuilder().AddPolicy("bare", p => p.AddAuthenticationSchemes(SmartResourceServerDefaults.AccessTokenScheme).RequireAuthenticatedUser());

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapSmartOnFhir();

static IResult Read(string id) => Results.Text(PatientJson, "application/fhir+json");
app.MapGroup("/fhir").RequireSmartAuthorization().MapGet("/Patient/{id}", Read);
app.MapGroup("/bare").RequireAuthorization("bare").MapGet("/Patient/{id}", Read);

var key = new RsaSecurityKey(RSA.Create()) { KeyId = "load" };
key.Rsa.ImportFromPem(pem);
var handler = new JsonWebTokenHandler();
string Token(string scope) => handler.CreateToken(new SecurityTokenDescriptor
{
    Issuer = FhirBase,
    Audience = FhirBase,
    Expires = DateTime.UtcNow.AddHours(1),
    TokenType = "at+jwt",
    Claims = new Dictionary<string, object> { ["sub"] = "u1", ["client_id"] = "load", ["scope"] = scope, ["patient"] = "p1", ["jti"] = Guid.NewGuid().ToString() },
    SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
});

File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "token-user.txt"), Token("user/*.rs"));

// Refresh tokens for the refresh-grant run, stored through whichever store is registered (one per request: they rotate).
var refreshCount = int.Parse(Environment.GetEnvironmentVariable("REFRESH_TOKENS") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
if (refreshCount > 0)
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
    File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "refresh-tokens.txt"), handles);
}

File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "token-patient.txt"), Token("launch patient/*.rs"));
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("ready"));
app.Run();
