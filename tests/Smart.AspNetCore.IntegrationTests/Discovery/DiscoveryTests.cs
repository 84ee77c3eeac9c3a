using System.Net;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;
using Snapshooter.Xunit;

namespace Smart.AspNetCore.IntegrationTests.Discovery;

[Collection(SampleEhrCollection.Name)]
public class DiscoveryTests(SampleEhrFactory factory)
{
    private const string Base = SampleEhrFactory.FhirBase;

    private async Task<(HttpResponseMessage Response, JsonElement Json)> GetJsonAsync(string path, string? origin = null, string? accept = null)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (accept is not null)
        {
            request.Headers.Add("Accept", accept);
        }

        var response = await client.SendAsync(request);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response, json);
    }

    private static string[] Strings(JsonElement json, string name) => [.. json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    [Theory] // DISC-1, DISC-2: 200 application/json whatever the Accept header.
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("text/html")]
    [InlineData("application/fhir+json")]
    public async Task SmartConfiguration_AnyAccept_IsJson(string? accept)
    {
        var (response, _) = await GetJsonAsync("/fhir/.well-known/smart-configuration", accept: accept);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
    }

    [Fact] // DISC-3..DISC-10, field by field.
    public async Task SmartConfiguration_Fields_AdvertiseWhatIsImplemented()
    {
        var (_, json) = await GetJsonAsync("/fhir/.well-known/smart-configuration");

        json.GetProperty("issuer").GetString().Should().Be(Base);                                     // DISC-6
        json.GetProperty("jwks_uri").GetString().Should().Be(Base + "/.well-known/jwks.json");
        json.GetProperty("authorization_endpoint").GetString().Should().Be(Base + "/auth/authorize"); // DISC-3, DISC-7
        json.GetProperty("token_endpoint").GetString().Should().Be(Base + "/auth/token");
        Strings(json, "grant_types_supported").Should().Equal("authorization_code", "refresh_token", "client_credentials"); // DISC-4, BACKEND-6
        Strings(json, "code_challenge_methods_supported").Should().Equal("S256");                     // DISC-5
        Strings(json, "response_types_supported").Should().Equal("code");
        Strings(json, "token_endpoint_auth_methods_supported").Should().Equal("client_secret_basic", "client_secret_post", "private_key_jwt"); // DISC-9, BACKEND-6
        Strings(json, "token_endpoint_auth_signing_alg_values_supported").Should().Equal("RS384", "ES384", "RS256", "ES256"); // CLIENT-4
        json.GetProperty("introspection_endpoint").GetString().Should().Be(Base + "/auth/introspect");     // INTROSPECT-1
        json.GetProperty("revocation_endpoint").GetString().Should().Be(Base + "/auth/revoke");            // REVOKE-1
        Strings(json, "capabilities").Should().Contain(
        [
            "launch-ehr", "launch-standalone", "authorize-post", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
            "sso-openid-connect", "context-banner", "context-style", "context-ehr-patient", "context-ehr-encounter",
            "context-standalone-patient", "permission-offline", "permission-online", "permission-patient",
            "permission-user", "permission-v1", "permission-v2",
        ]);
        foreach (var scope in Strings(json, "scopes_supported"))
        {
            Smart.AspNetCore.Scopes.SmartScope.TryParse(scope, out _).Should().BeTrue(scope);           // DISC-8
        }
    }

    [Fact]
    public async Task SmartConfiguration_MatchesSnapshot()
    {
        var (_, json) = await GetJsonAsync("/fhir/.well-known/smart-configuration");

        MatchCommittedSnapshot(json);
    }

    /// <summary>
    /// Snapshooter silently creates a missing snapshot and passes; here a missing file fails, so CI always compares with
    /// the committed document.
    /// </summary>
    private static void MatchCommittedSnapshot(JsonElement json, [System.Runtime.CompilerServices.CallerMemberName] string test = "", [System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        var file = Path.Combine(Path.GetDirectoryName(source)!, "__snapshots__", $"{nameof(DiscoveryTests)}.{test}.snap");
        File.Exists(file).Should().BeTrue($"the snapshot {file} must be committed");
        Snapshot.Match(json.GetRawText());
    }

    [Fact] // OIDC-4: issuer identical to the id_token iss and to the SMART document.
    public async Task OpenIdConfiguration_Fields_AreConsistentWithSmartConfiguration()
    {
        var (response, json) = await GetJsonAsync("/fhir/.well-known/openid-configuration");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        json.GetProperty("issuer").GetString().Should().Be(Base);
        json.GetProperty("authorization_endpoint").GetString().Should().Be(Base + "/auth/authorize");
        json.GetProperty("token_endpoint").GetString().Should().Be(Base + "/auth/token");
        json.GetProperty("jwks_uri").GetString().Should().Be(Base + "/.well-known/jwks.json");
        Strings(json, "response_types_supported").Should().Equal("code");
        Strings(json, "subject_types_supported").Should().Equal("public");
        Strings(json, "id_token_signing_alg_values_supported").Should().Contain("RS256");
        MatchCommittedSnapshot(json);
    }

    [Fact] // OIDC-5: public keys only, with kid, at least one RSA key.
    public async Task Jwks_PublishesPublicRsaKeyWithKid()
    {
        var (response, json) = await GetJsonAsync("/fhir/.well-known/jwks.json");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var keys = json.GetProperty("keys").EnumerateArray().ToList();
        keys.Should().Contain(k => k.GetProperty("kty").GetString() == "RSA" && k.GetProperty("kid").GetString() == "test-rs256");
        foreach (var key in keys)
        {
            key.TryGetProperty("d", out _).Should().BeFalse("the JWKS must never carry private key material");
            key.GetProperty("use").GetString().Should().Be("sig");
        }
    }

    [Theory] // DISC-13: CORS from any origin on discovery, JWKS and metadata.
    [InlineData("/fhir/.well-known/smart-configuration")]
    [InlineData("/fhir/.well-known/openid-configuration")]
    [InlineData("/fhir/.well-known/jwks.json")]
    [InlineData("/fhir/metadata")]
    public async Task Discovery_WithOrigin_AllowsAnyOrigin(string path)
    {
        var (response, _) = await GetJsonAsync(path, origin: "https://inferno.healthit.gov");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().ContainSingle().Which.Should().Be("*");
    }

    [Fact] // DISC-13: preflight.
    public async Task Discovery_Preflight_IsAnswered()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri("/fhir/.well-known/smart-configuration", UriKind.Relative));
        request.Headers.Add("Origin", "https://app.example.org");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("*");
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain("GET");
    }

    [Fact] // DISC-11, DISC-12: the host's own CapabilityStatement gains SMART rest.security with the same URLs.
    public async Task Metadata_HostCapabilityStatement_IsDecoratedWithSmartSecurity()
    {
        var (response, json) = await GetJsonAsync("/fhir/metadata");
        var (_, smart) = await GetJsonAsync("/fhir/.well-known/smart-configuration");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        json.GetProperty("resourceType").GetString().Should().Be("CapabilityStatement");
        var security = json.GetProperty("rest")[0].GetProperty("security");
        security.GetProperty("cors").GetBoolean().Should().BeTrue();
        security.GetProperty("service")[0].GetProperty("coding")[0].GetProperty("code").GetString().Should().Be("SMART-on-FHIR");
        security.GetProperty("service")[0].GetProperty("coding")[0].GetProperty("system").GetString()
            .Should().Be("http://terminology.hl7.org/CodeSystem/restful-security-service");
        var oauthUris = security.GetProperty("extension").EnumerateArray()
            .Single(e => e.GetProperty("url").GetString() == "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")
            .GetProperty("extension").EnumerateArray()
            .ToDictionary(e => e.GetProperty("url").GetString()!, e => e.GetProperty("valueUri").GetString());
        oauthUris["authorize"].Should().Be(smart.GetProperty("authorization_endpoint").GetString());
        oauthUris["token"].Should().Be(smart.GetProperty("token_endpoint").GetString());
        oauthUris["introspect"].Should().Be(smart.GetProperty("introspection_endpoint").GetString()); // INTROSPECT-1 (v1 oauth-uris)
        oauthUris["revoke"].Should().Be(smart.GetProperty("revocation_endpoint").GetString());        // REVOKE-1
        oauthUris.Should().NotContainKey("manage");
    }

    [Fact] // DISC-13, RS-3: metadata needs no token.
    public async Task Metadata_WithoutToken_Is200()
    {
        var (response, _) = await GetJsonAsync("/fhir/metadata");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
