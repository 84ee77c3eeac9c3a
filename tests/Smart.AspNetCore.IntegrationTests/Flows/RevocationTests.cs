using System.Net;
using System.Net.Http.Headers;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Token revocation, RFC 7009 (REVOKE-1..REVOKE-3, RS-4).</summary>
[Collection(SampleEhrCollection.Name)]
public class RevocationTests(SampleEhrFactory factory)
{
    private const string Scope = "launch/patient openid fhirUser patient/*.rs offline_access";

    private async Task<(SmartFlowClient Flow, TokenResult Token)> GrowthChartTokenAsync()
    {
        var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope));
        token.Status.Should().Be(HttpStatusCode.OK);
        return (flow, token);
    }

    internal static async Task<HttpResponseMessage> RevokeAsync(HttpClient client, IDictionary<string, string> form, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/fhir/auth/revoke", UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request);
    }

    private static void AssertRevoked(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact] // REVOKE-2: revoking a refresh token ends the grant: the token (and its family) no longer refreshes.
    public async Task Revoke_RefreshToken_KillsFamily()
    {
        var (flow, token) = await GrowthChartTokenAsync();
        using (flow)
        {
            using var response = await RevokeAsync(flow.App, new Dictionary<string, string> { ["token"] = token["refresh_token"]!, ["token_type_hint"] = "refresh_token", ["client_id"] = SmartFlowClient.GrowthChart });

            AssertRevoked(response);
            var refreshed = await flow.RefreshAsync(token["refresh_token"]!);
            refreshed.Status.Should().Be(HttpStatusCode.BadRequest);
            refreshed.Error.Should().Be("invalid_grant");
        }
    }

    [Fact] // REVOKE-2: revoking a refresh token also invalidates the access tokens minted from its grant.
    public async Task Revoke_RefreshToken_InvalidatesAccessTokensOfTheGrant()
    {
        var (flow, token) = await GrowthChartTokenAsync();
        using (flow)
        {
            var refreshed = await flow.RefreshAsync(token["refresh_token"]!);
            (await BackendServicesTests.GetAsync(flow.App, "/fhir/Patient/peds-001", refreshed["access_token"]!)).Status.Should().Be(HttpStatusCode.OK);

            using var response = await RevokeAsync(flow.App, new Dictionary<string, string> { ["token"] = refreshed["refresh_token"]!, ["client_id"] = SmartFlowClient.GrowthChart });

            AssertRevoked(response);
            foreach (var accessToken in new[] { token["access_token"]!, refreshed["access_token"]! })
            {
                (await BackendServicesTests.GetAsync(flow.App, "/fhir/Patient/peds-001", accessToken)).Status.Should().Be(HttpStatusCode.Unauthorized);
            }
        }
    }

    [Fact] // TOKEN-3: a replayed code revokes the access token the first redemption issued.
    public async Task CodeReplay_InvalidatesFirstAccessToken()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var code = await flow.AuthorizeCodeAsync(Scope);
        var first = await flow.ExchangeCodeAsync(code);
        (await BackendServicesTests.GetAsync(flow.App, "/fhir/Patient/peds-001", first["access_token"]!)).Status.Should().Be(HttpStatusCode.OK);

        (await flow.ExchangeCodeAsync(code)).Error.Should().Be("invalid_grant");

        var (status, _, api) = await BackendServicesTests.GetAsync(flow.App, "/fhir/Patient/peds-001", first["access_token"]!);
        status.Should().Be(HttpStatusCode.Unauthorized);
        api.Headers.WwwAuthenticate.Single().ToString().Should().Contain("error=\"invalid_token\"");
    }

    [Fact] // REFRESH-7: reuse of a rotated refresh token also cuts off the thief's access token.
    public async Task RefreshReuse_InvalidatesAccessTokensOfTheFamily()
    {
        var (flow, token) = await GrowthChartTokenAsync();
        using (flow)
        {
            var rotated = await flow.RefreshAsync(token["refresh_token"]!);

            (await flow.RefreshAsync(token["refresh_token"]!)).Error.Should().Be("invalid_grant");

            (await BackendServicesTests.GetAsync(flow.App, "/fhir/Patient/peds-001", rotated["access_token"]!)).Status.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Fact] // REVOKE-2, RS-4: a revoked access token gets 401 invalid_token at the FHIR API.
    public async Task Revoke_AccessToken_FhirApiAnswers401InvalidToken()
    {
        var (flow, token) = await GrowthChartTokenAsync();
        using (flow)
        {
            var accessToken = token["access_token"]!;
            (await BackendServicesTests.GetAsync(flow.App, "/fhir/Patient/peds-001", accessToken)).Status.Should().Be(HttpStatusCode.OK);

            using var response = await RevokeAsync(flow.App, new Dictionary<string, string> { ["token"] = accessToken, ["client_id"] = SmartFlowClient.GrowthChart });

            AssertRevoked(response);
            var (status, _, api) = await BackendServicesTests.GetAsync(flow.App, "/fhir/Patient/peds-001", accessToken);
            status.Should().Be(HttpStatusCode.Unauthorized);
            api.Headers.WwwAuthenticate.Single().ToString().Should().Contain("error=\"invalid_token\"");
        }
    }

    [Fact] // REVOKE-2: a backend service revokes its own access token, authenticating with private_key_jwt.
    public async Task Revoke_BackendAccessToken_WithAssertion()
    {
        using var flow = new SmartFlowClient(factory);
        var token = (await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend), "system/*.rs")))["access_token"]!;

        using var response = await RevokeAsync(flow.App, ClientAssertions.Form(ClientAssertions.Create(ClientAssertions.Backend), ("token", token), ("token_type_hint", "access_token")));

        AssertRevoked(response);
        (await BackendServicesTests.GetAsync(flow.App, "/fhir/Patient/peds-001", token)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact] // REVOKE-2, RFC 7009 §2.1: another client's token is not revoked, and the answer is still 200.
    public async Task Revoke_AnotherClientsToken_Is200WithoutEffect()
    {
        var (flow, token) = await GrowthChartTokenAsync();
        using (flow)
        {
            using var access = await RevokeAsync(flow.App, new Dictionary<string, string> { ["token"] = token["access_token"]! }, ClientAssertions.Basic("confidential-app", "confidential-secret"));
            using var refresh = await RevokeAsync(flow.App, new Dictionary<string, string> { ["token"] = token["refresh_token"]! }, ClientAssertions.Basic("confidential-app", "confidential-secret"));

            AssertRevoked(access);
            AssertRevoked(refresh);
            (await BackendServicesTests.GetAsync(flow.App, "/fhir/Patient/peds-001", token["access_token"]!)).Status.Should().Be(HttpStatusCode.OK);
            (await flow.RefreshAsync(token["refresh_token"]!)).Status.Should().Be(HttpStatusCode.OK);
        }
    }

    [Theory] // REVOKE-3: unknown or invalid tokens are 200; an unknown hint is only a hint.
    [InlineData("garbage", null)]
    [InlineData("eyJhbGciOiJub25lIn0.eyJqdGkiOiJ4In0.", "access_token")]
    [InlineData("garbage", "not_a_token_type")]
    public async Task Revoke_UnknownToken_Is200(string token, string? hint)
    {
        using var flow = new SmartFlowClient(factory);
        var form = new Dictionary<string, string> { ["token"] = token, ["client_id"] = SmartFlowClient.GrowthChart };
        if (hint is not null)
        {
            form["token_type_hint"] = hint;
        }

        using var response = await RevokeAsync(flow.App, form);

        AssertRevoked(response);
    }

    [Fact] // REVOKE-1: client authentication as at the token endpoint (bad Basic credentials: 401 + challenge).
    public async Task Revoke_BadClientCredentials_Is401InvalidClient()
    {
        using var flow = new SmartFlowClient(factory);

        using var response = await RevokeAsync(flow.App, new Dictionary<string, string> { ["token"] = "x" }, ClientAssertions.Basic("confidential-app", "wrong-secret"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Single().Scheme.Should().Be("Basic");
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"error\":\"invalid_client\"");
    }

    [Fact] // REVOKE-1: token is required.
    public async Task Revoke_WithoutToken_IsInvalidRequest()
    {
        using var flow = new SmartFlowClient(factory);

        using var response = await RevokeAsync(flow.App, new Dictionary<string, string> { ["client_id"] = SmartFlowClient.GrowthChart });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"error\":\"invalid_request\"");
    }
}
