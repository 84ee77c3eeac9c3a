// A loopback-only host for load tests (benchmarks/load-test.sh). Arguments:
//   --port N            listen on 127.0.0.1:N (default 5099)
//   --alg ES256|RS256   algorithm of the access tokens (default RS256)
//   --cache on|off      the SMART resource server's validated-token cache (default on)
//   --library on|off    off: a host without Smart.AspNetCore at all, serving only /plain (default on)
// Routes: /fhir/Patient/{id} behind full SMART enforcement; /bare/Patient/{id} behind a separate, bare JwtBearer scheme
// validating the same tokens with the same parameters (default JsonWebTokenHandler, no cache); /plain (no auth).
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore;
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
if (!library)
{
    var plainApp = builder.Build();
    plainApp.MapGet("/plain", () => Results.Text(PatientJson, "application/json"));
    plainApp.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("ready"));
    plainApp.Run();
    return;
}

using var rsa = RSA.Create(2048);
var rsaPem = rsa.ExportPkcs8PrivateKeyPem();
using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var ecPem = ec.ExportPkcs8PrivateKeyPem();
SecurityKey signing = alg == "ES256" ? new ECDsaSecurityKey(ec) { KeyId = "es" } : new RsaSecurityKey(rsa) { KeyId = "rs" };

builder.Services.AddSmartOnFhir(o =>
{
    o.FhirBaseUrl = new Uri(fhirBase);
    o.RequireHttps = false;
    o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "rs", Pem = rsaPem });
    o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "es", Pem = ecPem, Algorithm = "ES256" });
    o.Signing.AccessTokenAlgorithm = alg;
}).AddResourceServer(o => o.TokenCache.Enabled = cache);

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
app.MapSmartOnFhir();

static IResult Read(string id) => Results.Text(PatientJson, "application/fhir+json");
app.MapGroup("/fhir").RequireSmartAuthorization().MapGet("/Patient/{id}", Read);
app.MapGroup("/bare").RequireAuthorization("bare").MapGet("/Patient/{id}", Read);
app.MapGet("/plain", () => Results.Text(PatientJson, "application/json"));

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
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("ready"));
app.Run();
