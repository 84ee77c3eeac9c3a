using System.Net;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// CLIENT-4: a <c>private_key_jwt</c> assertion's <c>aud</c> may be the token endpoint URL (SMART Backend Services,
/// RFC 7523 §3) or the issuer (the RFC 7523 update and <c>openid-client</c>'s default), as one string or an array
/// naming only those two, at the token, introspection and revocation endpoints. Anything else is <c>invalid_client</c>
/// (400: no Authorization header was used).
/// </summary>
[Collection(SampleEhrCollection.Name)]
public class ClientAssertionAudienceTests(SampleEhrFactory factory)
{
    private const string Issuer = SampleEhrFactory.FhirBase;
    private const string TokenEndpoint = ClientAssertions.TokenEndpoint;
    private const string Other = "https://other.example.org/fhir";

    /// <summary>The accepted shapes of <c>aud</c>, as JSON.</summary>
    public static TheoryData<string> Accepted => new()
    {
        $"\"{TokenEndpoint}\"",
        $"\"{Issuer}\"",
        $"[\"{Issuer}\"]",
        $"[\"{TokenEndpoint}\"]",
        $"[\"{TokenEndpoint}\",\"{Issuer}\"]",
    };

    /// <summary>The refused shapes of <c>aud</c>, as JSON.</summary>
    public static TheoryData<string> Refused => new()
    {
        $"\"{Other}\"",
        $"\"{Issuer}/\"",
        $"\"{Issuer}/auth\"",
        $"[\"{Issuer}\",\"{Other}\"]",
        $"[\"{Other}\",\"{TokenEndpoint}\"]",
        "[]",
        "\"\"",
        "42",
        $"[\"{Issuer}\",42]",
        $"{{\"aud\":\"{Issuer}\"}}",
    };

    private static string Assertion(string audienceJson) =>
        ClientAssertions.Create(ClientAssertions.Backend, edit: c => c["aud"] = JsonDocument.Parse(audienceJson).RootElement.Clone());

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task TokenEndpoint_AcceptedAudience_IssuesToken(string audienceJson)
    {
        using var flow = new SmartFlowClient(factory);

        var result = await flow.TokenAsync(ClientAssertions.BackendTokenForm(Assertion(audienceJson)));

        result.Status.Should().Be(HttpStatusCode.OK);
        result["access_token"].Should().NotBeNullOrEmpty();
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task TokenEndpoint_RefusedAudience_IsInvalidClient(string audienceJson)
    {
        using var flow = new SmartFlowClient(factory);

        var result = await flow.TokenAsync(ClientAssertions.BackendTokenForm(Assertion(audienceJson)));

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_client");
    }

    [Fact]
    public async Task TokenEndpoint_ArrayNamingAnotherServer_SaysWhatAudIsAccepted()
    {
        using var flow = new SmartFlowClient(factory);

        var result = await flow.TokenAsync(ClientAssertions.BackendTokenForm(Assertion($"[\"{Issuer}\",\"{Other}\"]")));

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_client");
        result["error_description"].Should().Be("The client assertion is invalid: aud must be the token endpoint URL or the issuer, as one string or an array naming only those.");
    }

    [Fact]
    public async Task TokenEndpoint_WithoutAudience_IsInvalidClient()
    {
        using var flow = new SmartFlowClient(factory);

        var result = await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend, edit: c => c.Remove("aud"))));

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_client");
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Introspection_AcceptedAudience_Authenticates(string audienceJson)
    {
        using var flow = new SmartFlowClient(factory);
        var token = (await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend))))["access_token"]!;

        var (status, json, _) = await IntrospectionTests.IntrospectAsync(flow.App, ClientAssertions.Form(Assertion(audienceJson), ("token", token)), null);

        status.Should().Be(HttpStatusCode.OK);
        json.GetProperty("active").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData($"\"{Other}\"")]
    [InlineData($"[\"{Issuer}\",\"{Other}\"]")]
    [InlineData("[]")]
    public async Task Introspection_RefusedAudience_IsInvalidClient(string audienceJson)
    {
        using var flow = new SmartFlowClient(factory);

        var (status, json, _) = await IntrospectionTests.IntrospectAsync(flow.App, ClientAssertions.Form(Assertion(audienceJson), ("token", "x")), null);

        // The introspection endpoint answers every failed client authentication with 401 (INTROSPECT-6).
        status.Should().Be(HttpStatusCode.Unauthorized);
        json.GetProperty("error").GetString().Should().Be("invalid_client");
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Revocation_AcceptedAudience_Revokes(string audienceJson)
    {
        using var flow = new SmartFlowClient(factory);
        var token = (await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend))))["access_token"]!;

        using var response = await RevocationTests.RevokeAsync(flow.App, ClientAssertions.Form(Assertion(audienceJson), ("token", token), ("token_type_hint", "access_token")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var (_, json, _) = await IntrospectionTests.IntrospectAsync(flow.App, new Dictionary<string, string> { ["token"] = token }, IntrospectionTests.ConfidentialApp);
        json.GetProperty("active").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData($"\"{Other}\"")]
    [InlineData($"[\"{TokenEndpoint}\",\"{Other}\"]")]
    [InlineData("42")]
    public async Task Revocation_RefusedAudience_IsInvalidClient(string audienceJson)
    {
        using var flow = new SmartFlowClient(factory);

        using var response = await RevocationTests.RevokeAsync(flow.App, ClientAssertions.Form(Assertion(audienceJson), ("token", "x")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().Be("invalid_client");
    }
}
