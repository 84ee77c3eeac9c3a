using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.ResourceServer;
using Smart.AspNetCore.Signing;
using Smart.AspNetCore.Tests.Signing;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>
/// A tiny FHIR host behind <c>RequireSmartAuthorization()</c>. Its handlers deliberately ignore the access context
/// (they return every patient's data) so that the library's own enforcement is what the tests observe.
/// </summary>
public sealed class ResourceServerHost : IAsyncDisposable
{
    private const string Lab = """{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}""";
    private const string Vitals = """{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}""";

    private static readonly Dictionary<string, string> s_resources = new(StringComparer.Ordinal)
    {
        ["Patient/p1"] = """{"resourceType":"Patient","id":"p1"}""",
        ["Patient/p2"] = """{"resourceType":"Patient","id":"p2"}""",
        ["Observation/o1"] = $$$"""{"resourceType":"Observation","id":"o1","status":"final","category":[{{{Lab}}}],"subject":{"reference":"Patient/p1"}}""",
        ["Observation/o2"] = $$$"""{"resourceType":"Observation","id":"o2","status":"final","category":[{{{Vitals}}}],"subject":{"reference":"Patient/p1"}}""",
        ["Observation/o3"] = $$$"""{"resourceType":"Observation","id":"o3","status":"final","category":[{{{Lab}}}],"subject":{"reference":"Patient/p2"}}""",
        ["Condition/c1"] = """{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"}}""",
        ["Practitioner/dr1"] = """{"resourceType":"Practitioner","id":"dr1"}""",
        ["Condition/r1"] = """{"resourceType":"Condition","id":"r1","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"R"}]},"subject":{"reference":"Patient/p1"}}""",
        ["Condition/r2"] = """{"resourceType":"Condition","id":"r2","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"V"}]},"subject":{"reference":"Patient/p2"}}""",
    };

    private readonly WebApplication _app;

    private ResourceServerHost(WebApplication app, HttpClient client, SigningCredentials active, SigningCredentials retired)
    {
        _app = app;
        Client = client;
        ActiveKey = active;
        RetiredKey = retired;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public SigningCredentials ActiveKey { get; }

    public SigningCredentials RetiredKey { get; }

    public static async Task<ResourceServerHost> StartAsync(Action<SmartResourceServerOptions>? configure = null, Action<SmartOnFhirOptions>? configureSmart = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSmartOnFhir(o =>
        {
            o.FhirBaseUrl = new Uri(TestTokens.FhirBase);
            o.Signing.Keys.Add(SigningTestKeys.RsaOptions("active"));
            o.Signing.Keys.Add(SigningTestKeys.RsaOptions("old", retired: true));
            configureSmart?.Invoke(o);
        }).AddResourceServer(configure);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        var fhir = app.MapGroup("/fhir").RequireSmartAuthorization();
        fhir.MapGet("/metadata", () => Fhir("""{"resourceType":"CapabilityStatement","status":"active"}"""));
        fhir.MapGet("/{type}/{id}", (string type, string id) =>
            id == "xml" ? Results.Text("<Observation/>", "application/fhir+xml")
            : s_resources.TryGetValue(type + "/" + id, out var json) ? Fhir(json) : Fhir("""{"resourceType":"OperationOutcome","issue":[]}""", 404));
        fhir.MapGet("/{type}", (string type, HttpRequest request) => Fhir(Search(type, request.Query["_include"].Count > 0, request.Query["_revinclude"].Count > 0)));
        fhir.MapGet("/Patient/{id}/{type}", (string id, string type) => Fhir(Search(type, includePatients: false)));
        fhir.MapPost("/{type}", async (HttpRequest request) => Fhir(await new StreamReader(request.Body).ReadToEndAsync(), 201));
        fhir.MapPut("/{type}/{id}", async (HttpRequest request) => Fhir(await new StreamReader(request.Body).ReadToEndAsync()));
        fhir.MapDelete("/{type}/{id}", () => Results.NoContent());
        fhir.MapPost("/", async (HttpRequest request) =>
        {
            var bundle = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!;
            var entries = new JsonArray();
            foreach (var entry in bundle["entry"]!.AsArray())
            {
                var url = (string)entry!["request"]!["url"]!;
                var resource = s_resources.TryGetValue(url, out var json) ? JsonNode.Parse(json) : entry["resource"]?.DeepClone();
                entries.Add(new JsonObject { ["resource"] = resource, ["response"] = new JsonObject { ["status"] = "200 OK" } });
            }

            return Fhir(new JsonObject { ["resourceType"] = "Bundle", ["type"] = "batch-response", ["entry"] = entries }.ToJsonString());
        });

        await app.StartAsync();
        var ring = app.Services.GetRequiredService<SigningKeyRing>();
        return new ResourceServerHost(
            app,
            app.GetTestClient(),
            ring.AccessTokenKey.Credentials,
            ring.Keys.First(k => k.Retired).Credentials);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/fhir+json");
        }

        return Client.SendAsync(request);
    }

    public string Token(string scope, string? patient = "p1") => TestTokens.Create(ActiveKey, scope, patient);

    public string BreakGlassToken(string scope, string? patient = "p1") => TestTokens.Create(ActiveKey, scope, patient, breakGlass: true);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    private static string Search(string type, bool includePatients, bool revincludeConditions = false)
    {
        var entries = new JsonArray();
        foreach (var (key, json) in s_resources)
        {
            if (key.StartsWith(type + "/", StringComparison.Ordinal))
            {
                entries.Add(new JsonObject { ["fullUrl"] = TestTokens.FhirBase + "/" + key, ["resource"] = JsonNode.Parse(json), ["search"] = new JsonObject { ["mode"] = "match" } });
            }
        }

        if (includePatients)
        {
            foreach (var key in new[] { "Patient/p1", "Patient/p2" })
            {
                entries.Add(new JsonObject { ["fullUrl"] = TestTokens.FhirBase + "/" + key, ["resource"] = JsonNode.Parse(s_resources[key]), ["search"] = new JsonObject { ["mode"] = "include" } });
            }
        }

        if (revincludeConditions)
        {
            foreach (var key in s_resources.Keys.Where(k => k.StartsWith("Condition/", StringComparison.Ordinal)))
            {
                entries.Add(new JsonObject { ["fullUrl"] = TestTokens.FhirBase + "/" + key, ["resource"] = JsonNode.Parse(s_resources[key]), ["search"] = new JsonObject { ["mode"] = "include" } });
            }
        }

        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = entries.Count, ["entry"] = entries }.ToJsonString();
    }

    private static IResult Fhir(string json, int status = 200) => Results.Text(json, "application/fhir+json", statusCode: status);
}
