// A loopback-only host for load tests (benchmarks/load-test.sh): the same FHIR read behind full SMART enforcement and
// behind bare JwtBearer validation of the same tokens, so the overhead of SMART enforcement can be measured as a ratio.
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore;
using Smart.AspNetCore.ResourceServer;

const string FhirBase = "http://127.0.0.1:5099/fhir";
const string PatientJson = """{"resourceType":"Patient","id":"p1","name":[{"family":"Rivera","given":["Emma"]}],"gender":"female","birthDate":"2022-11-11"}""";

using var rsa = RSA.Create(2048);
var pem = rsa.ExportPkcs8PrivateKeyPem();

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:5099");
builder.Services.AddSmartOnFhir(o =>
{
    o.FhirBaseUrl = new Uri(FhirBase);
    o.RequireHttps = false;
    o.Signing.Keys.Add(new SmartSigningKeyOptions { KeyId = "load", Pem = pem });
}).AddResourceServer();
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
File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "token-patient.txt"), Token("launch patient/*.rs"));
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine("ready"));
app.Run();
