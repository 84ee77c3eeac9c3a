using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Smart.AspNetCore.Tests.Signing;

namespace Smart.AspNetCore.Tests.Discovery;

/// <summary>DISC-11, DISC-12, DISC-13 on hosts other than the sample: hand-written JSON, XML, and no metadata at all.</summary>
public class CapabilityStatementHostTests
{
    private static async Task<WebApplication> StartAsync(Action<SmartOnFhirOptions>? configure, Action<WebApplication>? map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSmartOnFhir(o =>
        {
            o.FhirBaseUrl = new Uri("https://ehr.example.org/r4");
            o.Signing.Keys.Add(SigningTestKeys.RsaOptions("k1"));
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapSmartOnFhir();
        map?.Invoke(app);
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpResponseMessage Response, string Body)> GetAsync(WebApplication app, string path)
    {
        var response = await app.GetTestClient().GetAsync(new Uri(path, UriKind.Relative));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static JsonElement OAuthUris(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("rest")[0].GetProperty("security").GetProperty("extension")[0].GetProperty("extension");

    [Fact]
    public async Task Metadata_HandWrittenJson_IsDecoratedKeepingTheHostsContent()
    {
        await using var app = await StartAsync(null, a => a.MapGet("/r4/metadata", () => Results.Text(
            """{"resourceType":"CapabilityStatement","status":"active","software":{"name":"My EHR"},"rest":[{"mode":"server","resource":[{"type":"Patient"}],"security":{"description":"host text","extension":[{"url":"http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris","extension":[{"url":"authorize","valueUri":"https://stale.example/authorize"}]}]}}]}""",
            "application/fhir+json")));

        var (response, body) = await GetAsync(app, "/r4/metadata");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var rest = JsonDocument.Parse(body).RootElement.GetProperty("rest")[0];
        rest.GetProperty("resource")[0].GetProperty("type").GetString().Should().Be("Patient");
        rest.GetProperty("security").GetProperty("description").GetString().Should().Be("host text");
        rest.GetProperty("security").GetProperty("extension").GetArrayLength().Should().Be(1, "a stale oauth-uris extension is replaced, not duplicated");
        var uris = OAuthUris(body).EnumerateArray().ToDictionary(e => e.GetProperty("url").GetString()!, e => e.GetProperty("valueUri").GetString());
        uris["authorize"].Should().Be("https://ehr.example.org/r4/auth/authorize");
        uris["token"].Should().Be("https://ehr.example.org/r4/auth/token");
        response.Content.Headers.ContentLength.Should().Be(System.Text.Encoding.UTF8.GetByteCount(body));
    }

    [Fact]
    public async Task Metadata_Xml_PassesThroughUndecorated()
    {
        const string xml = "<CapabilityStatement xmlns=\"http://hl7.org/fhir\"><status value=\"active\"/></CapabilityStatement>";
        await using var app = await StartAsync(null, a => a.MapGet("/r4/metadata", () => Results.Text(xml, "application/fhir+xml")));

        var (response, body) = await GetAsync(app, "/r4/metadata");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.Should().Be(xml);
    }

    [Fact]
    public async Task Metadata_OptInMinimalStatement_IsServedAndDecorated()
    {
        await using var app = await StartAsync(o => o.Discovery.MapCapabilityStatement = true, null);

        var (response, body) = await GetAsync(app, "/r4/metadata");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var root = JsonDocument.Parse(body).RootElement;
        root.GetProperty("fhirVersion").GetString().Should().Be("4.0.1");
        root.GetProperty("kind").GetString().Should().Be("instance");
        root.GetProperty("rest")[0].GetProperty("security").GetProperty("service")[0].GetProperty("coding")[0].GetProperty("code").GetString().Should().Be("SMART-on-FHIR");
    }

    [Fact]
    public async Task Metadata_NoneMapped_Is404AndNotInvented()
    {
        await using var app = await StartAsync(null, null);

        var (response, _) = await GetAsync(app, "/r4/metadata");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Discovery_DecorationDisabled_LeavesHostStatementAlone()
    {
        const string json = """{"resourceType":"CapabilityStatement","status":"active"}""";
        await using var app = await StartAsync(o => o.Discovery.DecorateCapabilityStatement = false, a => a.MapGet("/r4/metadata", () => Results.Text(json, "application/fhir+json")));

        (await GetAsync(app, "/r4/metadata")).Body.Should().Be(json);
    }

    [Fact] // DISC-10: excluded and additional capabilities.
    public async Task SmartConfiguration_ExcludedAndAdditionalCapabilities_AreApplied()
    {
        await using var app = await StartAsync(o =>
        {
            o.Discovery.ExcludedCapabilities.Add("launch-standalone");
            o.Discovery.AdditionalCapabilities.Add("https://ehr.example.org/capabilities/bulk-export");
        }, null);

        var (_, body) = await GetAsync(app, "/r4/.well-known/smart-configuration");
        var capabilities = JsonDocument.Parse(body).RootElement.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).ToList();

        capabilities.Should().NotContain("launch-standalone").And.Contain("https://ehr.example.org/capabilities/bulk-export").And.Contain("launch-ehr");
    }
}
