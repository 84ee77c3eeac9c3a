using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Token introspection, RFC 7662 + SMART (INTROSPECT-1..INTROSPECT-6).</summary>
[Collection(SampleEhrCollection.Name)]
public class IntrospectionTests(SampleEhrFactory factory)
{
    private const string Scope = "launch/patient openid fhirUser patient/*.rs offline_access";

    internal static readonly AuthenticationHeaderValue ConfidentialApp = ClientAssertions.Basic("confidential-app", "confidential-secret");

    internal static async Task<TokenResult> GrowthChartTokenAsync(WebApplicationFactory<Program> factory)
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope));
        token.Status.Should().Be(HttpStatusCode.OK);
        return token;
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> IntrospectAsync(
        HttpClient client, IDictionary<string, string> form, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/fhir/auth/introspect", UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response);
    }

    internal static void AssertInactive(HttpStatusCode status, JsonElement json, HttpResponseMessage response)
    {
        status.Should().Be(HttpStatusCode.OK);
        json.GetRawText().Should().Be("""{"active":false}""");                      // INTROSPECT-5: nothing else.
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact] // INTROSPECT-2: requests are form posts; anything else is invalid_request.
    public async Task Introspect_JsonBody_IsInvalidRequest()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/fhir/auth/introspect", UriKind.Relative))
        {
            Content = new StringContent("{\"token\":\"x\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = ConfidentialApp;

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact] // INTROSPECT-2, INTROSPECT-3, INTROSPECT-4: an active access token, introspected by a confidential client.
    public async Task Introspect_ActiveAccessToken_DescribesIt()
    {
        var token = await GrowthChartTokenAsync(factory);
        using var client = factory.CreateClient();

        var (status, json, response) = await IntrospectAsync(client, new Dictionary<string, string> { ["token"] = token["access_token"]! }, ConfidentialApp);

        status.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        json.GetProperty("active").GetBoolean().Should().BeTrue();
        json.GetProperty("client_id").GetString().Should().Be(SmartFlowClient.GrowthChart);
        json.GetProperty("scope").GetString().Should().Be(token["scope"]);
        var exp = json.GetProperty("exp").GetInt64();
        exp.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + token.Json.GetProperty("expires_in").GetInt64(), 30);
        json.GetProperty("iat").GetInt64().Should().BeLessThanOrEqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        json.GetProperty("token_type").GetString().Should().Be("Bearer");
        json.GetProperty("patient").GetString().Should().Be("peds-001");
        json.GetProperty("aud").GetString().Should().Be(SampleEhrFactory.FhirBase);

        // INTROSPECT-4: iss and sub as in the id_token; fhirUser as in the id_token.
        var idToken = Jwt.Payload(token["id_token"]!);
        json.GetProperty("iss").GetString().Should().Be(idToken.GetProperty("iss").GetString());
        json.GetProperty("sub").GetString().Should().Be(idToken.GetProperty("sub").GetString());
        json.GetProperty("fhirUser").GetString().Should().Be(idToken.GetProperty("fhirUser").GetString());
    }

    [Fact] // INTROSPECT-6: a backend service's bearer token authorizes introspection of any client's token.
    public async Task Introspect_WithBackendBearerToken_IsAllowed()
    {
        var token = await GrowthChartTokenAsync(factory);
        using var client = factory.CreateClient();
        var backend = (await new SmartFlowClient(factory).TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend), "system/*.rs")))["access_token"]!;

        var (status, json, _) = await IntrospectAsync(client, new Dictionary<string, string> { ["token"] = token["access_token"]! }, new AuthenticationHeaderValue("Bearer", backend));

        status.Should().Be(HttpStatusCode.OK);
        json.GetProperty("active").GetBoolean().Should().BeTrue();
    }

    [Fact] // INTROSPECT-6: a backend service may also authenticate with private_key_jwt.
    public async Task Introspect_WithClientAssertion_IsAllowed()
    {
        var token = await GrowthChartTokenAsync(factory);
        using var client = factory.CreateClient();

        var (status, json, _) = await IntrospectAsync(client, ClientAssertions.Form(ClientAssertions.Create(ClientAssertions.Backend), ("token", token["access_token"]!)), null);

        status.Should().Be(HttpStatusCode.OK);
        json.GetProperty("active").GetBoolean().Should().BeTrue();
    }

    [Fact] // INTROSPECT-4: an active refresh token is described from its grant, with the launch context.
    public async Task Introspect_ActiveRefreshToken_DescribesGrant()
    {
        var token = await GrowthChartTokenAsync(factory);
        using var client = factory.CreateClient();

        var (status, json, _) = await IntrospectAsync(client, new Dictionary<string, string> { ["token"] = token["refresh_token"]!, ["token_type_hint"] = "refresh_token" }, ConfidentialApp);

        status.Should().Be(HttpStatusCode.OK);
        json.GetProperty("active").GetBoolean().Should().BeTrue();
        json.GetProperty("client_id").GetString().Should().Be(SmartFlowClient.GrowthChart);
        json.GetProperty("patient").GetString().Should().Be("peds-001");
    }

    [Theory] // INTROSPECT-5, SAL 4.2.02: garbage is 200 {"active":false}.
    [InlineData("invalid_token_value")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0.")]
    [InlineData("a.b.c")]
    public async Task Introspect_Garbage_IsInactive(string token)
    {
        using var client = factory.CreateClient();

        var (status, json, response) = await IntrospectAsync(client, new Dictionary<string, string> { ["token"] = token }, ConfidentialApp);

        AssertInactive(status, json, response);
    }

    [Fact] // INTROSPECT-5: a revoked access token is inactive.
    public async Task Introspect_RevokedAccessToken_IsInactive()
    {
        var token = await GrowthChartTokenAsync(factory);
        using var client = factory.CreateClient();
        using (await RevocationTests.RevokeAsync(client, new Dictionary<string, string> { ["token"] = token["access_token"]!, ["client_id"] = SmartFlowClient.GrowthChart }))
        {
        }

        var (status, json, response) = await IntrospectAsync(client, new Dictionary<string, string> { ["token"] = token["access_token"]! }, ConfidentialApp);

        AssertInactive(status, json, response);
    }

    [Fact] // INTROSPECT-5: a used (rotated) refresh token is inactive.
    public async Task Introspect_UsedRefreshToken_IsInactive()
    {
        var token = await GrowthChartTokenAsync(factory);
        using var flow = new SmartFlowClient(factory);
        (await flow.RefreshAsync(token["refresh_token"]!)).Status.Should().Be(HttpStatusCode.OK);

        var (status, json, response) = await IntrospectAsync(flow.App, new Dictionary<string, string> { ["token"] = token["refresh_token"]! }, ConfidentialApp);

        AssertInactive(status, json, response);
    }

    [Fact] // RFC 7662 §2.1, INTROSPECT-6: no authorization is 401.
    public async Task Introspect_Anonymous_Is401()
    {
        using var client = factory.CreateClient();

        var (status, json, response) = await IntrospectAsync(client, new Dictionary<string, string> { ["token"] = "x" }, null);

        status.Should().Be(HttpStatusCode.Unauthorized);
        json.GetProperty("error").GetString().Should().Be("invalid_client");
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
    }

    [Fact] // Decision (docs/clients.md): public clients may not introspect.
    public async Task Introspect_PublicClient_Is401()
    {
        using var client = factory.CreateClient();

        var (status, json, _) = await IntrospectAsync(client, new Dictionary<string, string> { ["token"] = "x", ["client_id"] = SmartFlowClient.GrowthChart }, null);

        status.Should().Be(HttpStatusCode.Unauthorized);
        json.GetProperty("error").GetString().Should().Be("invalid_client");
    }

    [Fact] // INTROSPECT-6: a bearer token of an app (not a backend service) does not authorize introspection.
    public async Task Introspect_AppBearerToken_Is401InvalidToken()
    {
        var token = await GrowthChartTokenAsync(factory);
        using var client = factory.CreateClient();

        var (status, json, response) = await IntrospectAsync(client, new Dictionary<string, string> { ["token"] = token["access_token"]! }, new AuthenticationHeaderValue("Bearer", token["access_token"]!));

        status.Should().Be(HttpStatusCode.Unauthorized);
        json.GetProperty("error").GetString().Should().Be("invalid_token");
        response.Headers.WwwAuthenticate.Single().Scheme.Should().Be("Bearer");
    }

    [Fact] // RFC 7662 §2.1: bad credentials are 401.
    public async Task Introspect_WrongSecret_Is401()
    {
        using var client = factory.CreateClient();

        var (status, json, _) = await IntrospectAsync(client, new Dictionary<string, string> { ["token"] = "x" }, ClientAssertions.Basic("confidential-app", "wrong"));

        status.Should().Be(HttpStatusCode.Unauthorized);
        json.GetProperty("error").GetString().Should().Be("invalid_client");
    }
}
