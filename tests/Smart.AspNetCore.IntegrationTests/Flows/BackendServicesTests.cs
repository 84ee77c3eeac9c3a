using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>SMART Backend Services: <c>client_credentials</c> with <c>private_key_jwt</c> (BACKEND-1..BACKEND-5).</summary>
[Collection(SampleEhrCollection.Name)]
public class BackendServicesTests(SampleEhrFactory factory)
{
    private const string Backend = ClientAssertions.Backend;

    private async Task<TokenResult> TokenAsync(string scope)
    {
        using var flow = new SmartFlowClient(factory);
        return await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(Backend), scope));
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> GetAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default, response);
    }

    [Fact] // BACKEND-4, BACKEND-5, D.5: access_token, bearer, expires_in <= 300, scope; no refresh or id token.
    public async Task ClientCredentials_ValidAssertion_IssuesShortLivedToken()
    {
        var result = await TokenAsync("system/Patient.rs system/Observation.rs");

        result.Status.Should().Be(HttpStatusCode.OK);
        result["token_type"].Should().BeEquivalentTo("bearer");
        result.Json.GetProperty("expires_in").ValueKind.Should().Be(JsonValueKind.Number);
        result.Json.GetProperty("expires_in").GetInt32().Should().BeInRange(1, 300);
        result["scope"].Should().Be("system/Patient.rs system/Observation.rs");
        result.Json.TryGetProperty("refresh_token", out _).Should().BeFalse();
        result.Json.TryGetProperty("id_token", out _).Should().BeFalse();
        result.Json.TryGetProperty("patient", out _).Should().BeFalse();
        result.Headers.CacheControl!.NoStore.Should().BeTrue();

        using var client = factory.CreateClient();
        var validation = await Jwt.ValidateAsync(client, result["access_token"]!, SampleEhrFactory.FhirBase, "at+jwt");
        validation.IsValid.Should().BeTrue();
        var claims = Jwt.Payload(result["access_token"]!);
        claims.GetProperty("sub").GetString().Should().Be(Backend);
        claims.GetProperty("client_id").GetString().Should().Be(Backend);
        (claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64()).Should().Be(300);
    }

    [Fact] // BACKEND-3: the token works on the FHIR API with system/ scopes: read and search across patients.
    public async Task ClientCredentials_Token_ReadsPatientAndSearchesObservations()
    {
        var token = (await TokenAsync("system/*.rs"))["access_token"]!;
        using var client = factory.CreateClient();

        var (readStatus, patient, _) = await GetAsync(client, "/fhir/Patient/peds-001", token);
        var (searchStatus, bundle, _) = await GetAsync(client, "/fhir/Observation?patient=peds-001&category=vital-signs", token);
        var (otherStatus, _, _) = await GetAsync(client, "/fhir/Observation?patient=adult-002", token);

        readStatus.Should().Be(HttpStatusCode.OK);
        patient.GetProperty("id").GetString().Should().Be("peds-001");
        searchStatus.Should().Be(HttpStatusCode.OK);
        bundle.GetProperty("resourceType").GetString().Should().Be("Bundle");
        bundle.GetProperty("entry").GetArrayLength().Should().BeGreaterThanOrEqualTo(30);
        otherStatus.Should().Be(HttpStatusCode.OK);
    }

    [Fact] // BACKEND-3: a read-only grant cannot write.
    public async Task ClientCredentials_ReadOnlyToken_CannotCreate()
    {
        var token = (await TokenAsync("system/Observation.rs"))["access_token"]!;
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/fhir/Observation", UriKind.Relative))
        {
            Content = new StringContent("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/peds-001"}}""", System.Text.Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact] // BACKEND-3: the grant is limited to the client's pre-authorization (system/*.rs, system/*.read): writes are narrowed away.
    public async Task ClientCredentials_ScopeBeyondRegistration_IsNarrowed()
    {
        var result = await TokenAsync("system/Observation.cruds");

        result.Status.Should().Be(HttpStatusCode.OK);
        result["scope"].Should().Be("system/Observation.rs");
    }

    [Theory] // BACKEND-3, decision: any non-system scope refuses the whole request with invalid_scope.
    [InlineData("patient/*.rs")]
    [InlineData("system/Patient.rs patient/Observation.rs")]
    [InlineData("user/*.read")]
    [InlineData("system/*.rs offline_access")]
    [InlineData("launch system/*.rs")]
    [InlineData("system/Observation.sr")]
    public async Task ClientCredentials_NonSystemOrInvalidScope_IsInvalidScope(string scope)
    {
        var result = await TokenAsync(scope);

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_scope");
    }

    [Fact] // BACKEND-3: nothing grantable (only create permission requested, registration is read-only).
    public async Task ClientCredentials_NothingGrantable_IsInvalidScope()
    {
        var result = await TokenAsync("system/Observation.c");

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_scope");
    }

    [Fact] // BACKEND-1: scope is required.
    public async Task ClientCredentials_WithoutScope_IsInvalidRequest()
    {
        using var flow = new SmartFlowClient(factory);
        var form = ClientAssertions.BackendTokenForm(ClientAssertions.Create(Backend));
        form.Remove("scope");

        var result = await flow.TokenAsync(form);

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_request");
    }

    [Fact] // BACKEND-2, CLIENT-1: a secret-authenticated client cannot use client_credentials.
    public async Task ClientCredentials_SymmetricClient_IsUnauthorizedClient()
    {
        using var flow = new SmartFlowClient(factory);

        var result = await flow.TokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "system/*.rs" },
            ClientAssertions.Basic("confidential-app", "confidential-secret"));

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("unauthorized_client");
    }

    [Fact] // BACKEND-2: an asymmetric app client (code flow) cannot use client_credentials.
    public async Task ClientCredentials_AsymmetricAppClient_IsUnauthorizedClient()
    {
        using var flow = new SmartFlowClient(factory);

        var result = await flow.TokenAsync(ClientAssertions.Form(ClientAssertions.Create(ClientAssertions.Asymmetric), ("grant_type", "client_credentials"), ("scope", "system/*.rs")));

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("unauthorized_client");
    }

    [Fact] // BACKEND-2: a backend service cannot use the code flow.
    public async Task BackendClient_AuthorizationCodeGrant_IsUnauthorizedClient()
    {
        using var flow = new SmartFlowClient(factory);

        var result = await flow.TokenAsync(ClientAssertions.Form(ClientAssertions.Create(Backend), ("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", "https://x.example.org/cb")));

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("unauthorized_client");
    }
}
