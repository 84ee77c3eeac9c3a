using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Token endpoint: code exchange rejections (TOKEN-1..TOKEN-13) and client authentication (CLIENT-1).</summary>
[Collection(SampleEhrCollection.Name)]
public class TokenEndpointTests(SampleEhrFactory factory)
{
    private const string Scope = "launch/patient openid fhirUser patient/Patient.rs offline_access";
    private const string ConfidentialRedirect = SampleEhrFactory.Origin + "/apps/confidential/callback";

    private async Task<(SmartFlowClient Flow, string Code)> AuthorizeAsync(string user = "patient")
    {
        var flow = new SmartFlowClient(factory);
        await flow.LoginAsync(user, user);
        return (flow, await flow.AuthorizeCodeAsync(Scope));
    }

    private static void AssertError(TokenResult result, HttpStatusCode status, string error)
    {
        result.Status.Should().Be(status);
        result.Error.Should().Be(error);
        result.Headers.CacheControl!.NoStore.Should().BeTrue();                  // TOKEN-8
        result.Headers.Pragma.ToString().Should().Be("no-cache");
        result.ContentHeaders.ContentType!.MediaType.Should().Be("application/json");
    }

    [Fact] // TOKEN-2, g10 "Invalid Access Token Request": exactly 400.
    public async Task Token_BadCode_IsInvalidGrant400()
    {
        var (flow, _) = await AuthorizeAsync();
        using (flow)
        {
            AssertError(await flow.ExchangeCodeAsync("BAD_CODE"), HttpStatusCode.BadRequest, "invalid_grant");
        }
    }

    [Fact] // TOKEN-3: a replayed code fails and revokes what the first redemption issued.
    public async Task Token_ReplayedCode_FailsAndRevokesFirstRefreshToken()
    {
        var (flow, code) = await AuthorizeAsync();
        using (flow)
        {
            var first = await flow.ExchangeCodeAsync(code);
            first.Status.Should().Be(HttpStatusCode.OK);

            AssertError(await flow.ExchangeCodeAsync(code), HttpStatusCode.BadRequest, "invalid_grant");
            AssertError(await flow.RefreshAsync(first["refresh_token"]!), HttpStatusCode.BadRequest, "invalid_grant");
        }
    }

    [Theory] // TOKEN-4, g10 "Invalid PKCE Code Verifier": missing, blank, random, challenge-as-verifier.
    [InlineData("missing")]
    [InlineData("")]
    [InlineData("random")]
    [InlineData("challenge")]
    public async Task Token_WrongVerifier_IsInvalidGrant(string kind)
    {
        var (flow, code) = await AuthorizeAsync();
        using (flow)
        {
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = SmartFlowClient.GrowthChartRedirect,
                ["client_id"] = "growth-chart",
            };
            switch (kind)
            {
                case "random": form["code_verifier"] = new SmartFlowClient(factory).Verifier; break;
                case "challenge": form["code_verifier"] = flow.Challenge; break;
                case "": form["code_verifier"] = string.Empty; break;
            }

            AssertError(await flow.TokenAsync(form), HttpStatusCode.BadRequest, "invalid_grant");
        }
    }

    [Fact] // TOKEN-2: redirect_uri must be identical to the authorization request.
    public async Task Token_DifferentRedirectUri_IsInvalidGrant()
    {
        var (flow, code) = await AuthorizeAsync();
        using (flow)
        {
            AssertError(await flow.ExchangeCodeAsync(code, redirectUri: SmartFlowClient.GrowthChartRedirect + "?x"), HttpStatusCode.BadRequest, "invalid_grant");
        }
    }

    [Fact] // TOKEN-6, g10 BAD_CLIENT_ID in the body.
    public async Task Token_UnknownClientId_IsInvalidClient400()
    {
        var (flow, code) = await AuthorizeAsync();
        using (flow)
        {
            AssertError(await flow.ExchangeCodeAsync(code, clientId: "BAD_CLIENT_ID"), HttpStatusCode.BadRequest, "invalid_client");
        }
    }

    [Fact] // TOKEN-10, CLIENT-1: Basic with bad credentials is 401 with WWW-Authenticate.
    public async Task Token_BadBasicCredentials_Is401WithChallenge()
    {
        var (flow, code) = await AuthorizeAsync();
        using (flow)
        {
            var result = await flow.TokenAsync(
                new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = ConfidentialRedirect },
                Basic("confidential-app", "wrong-secret-wrong-secret"));

            AssertError(result, HttpStatusCode.Unauthorized, "invalid_client");
            result.Headers.WwwAuthenticate.Single().Scheme.Should().Be("Basic");
        }
    }

    [Fact] // TOKEN-6: a code issued to one client cannot be redeemed by another.
    public async Task Token_CodeOfAnotherClient_IsInvalidGrant()
    {
        var (flow, code) = await AuthorizeAsync();
        using (flow)
        {
            var result = await flow.TokenAsync(
                new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = SmartFlowClient.GrowthChartRedirect, ["code_verifier"] = flow.Verifier },
                Basic("confidential-app", "confidential-secret"));

            AssertError(result, HttpStatusCode.BadRequest, "invalid_grant");
        }
    }

    [Theory] // TOKEN-10, TOKEN-11
    [InlineData("not_a_grant_type", "unsupported_grant_type")]
    [InlineData("client_credentials", "unauthorized_client")] // BACKEND-2: a public app may not use client_credentials.
    [InlineData("password", "unsupported_grant_type")]
    public async Task Token_UnsupportedGrantType_Is400(string grantType, string error)
    {
        using var flow = new SmartFlowClient(factory);
        AssertError(await flow.TokenAsync(new Dictionary<string, string> { ["grant_type"] = grantType, ["client_id"] = "growth-chart" }), HttpStatusCode.BadRequest, error);
    }

    [Fact] // TOKEN-1: form POST only.
    public async Task Token_JsonBody_IsInvalidRequest()
    {
        using var flow = new SmartFlowClient(factory);
        using var content = new StringContent("{\"grant_type\":\"authorization_code\"}", Encoding.UTF8, "application/json");

        using var response = await flow.App.PostAsync(new Uri("/fhir/auth/token", UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"error\":\"invalid_request\"");
    }

    [Fact] // TOKEN-1: parameters must not repeat.
    public async Task Token_RepeatedParameter_IsInvalidRequest()
    {
        using var flow = new SmartFlowClient(factory);
        using var content = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("client_id", "growth-chart"), new("code", "a"), new("code", "b")]);

        using var response = await flow.App.PostAsync(new Uri("/fhir/auth/token", UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"error\":\"invalid_request\"");
    }

    [Fact] // TOKEN-1: the token endpoint accepts POST only (a GET falls through to the host's own routes).
    public async Task Token_Get_IsNotServed()
    {
        using var flow = new SmartFlowClient(factory);

        using var response = await flow.App.GetAsync(new Uri("/fhir/auth/token?grant_type=refresh_token&refresh_token=x&client_id=growth-chart", UriKind.Relative));

        ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(400);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("access_token");
    }

    [Fact] // TOKEN-3, AUTHZ-10: 50 parallel redemptions of one code, exactly one succeeds.
    public async Task Token_FiftyParallelRedemptions_ExactlyOneSucceeds()
    {
        var (flow, code) = await AuthorizeAsync();
        using (flow)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => flow.ExchangeCodeAsync(code)));

            results.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
            results.Where(r => r.Status != HttpStatusCode.OK).Should().OnlyContain(r => r.Error == "invalid_grant" && r.Status == HttpStatusCode.BadRequest);
        }
    }

    [Fact] // TOKEN-13: CORS for the client's registered origin only.
    public async Task Token_CorsForRegisteredOriginOnly()
    {
        var (flow, code) = await AuthorizeAsync();
        using (flow)
        {
            var allowed = await flow.TokenAsync(
                new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = SmartFlowClient.GrowthChartRedirect, ["client_id"] = "growth-chart", ["code_verifier"] = flow.Verifier },
                origin: SampleEhrFactory.Origin);
            allowed.Status.Should().Be(HttpStatusCode.OK);
            allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(SampleEhrFactory.Origin);

            var other = await flow.RefreshAsync(allowed["refresh_token"]!);
            other.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse("no Origin was sent");
        }

        using var evil = new SmartFlowClient(factory);
        var refused = await evil.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "x", ["client_id"] = "growth-chart" }, origin: "https://evil.example");
        refused.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact] // TOKEN-13: preflight.
    public async Task Token_Preflight_Is204WithPostAllowed()
    {
        using var flow = new SmartFlowClient(factory);
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri("/fhir/auth/token", UriKind.Relative));
        request.Headers.Add("Origin", SampleEhrFactory.Origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await flow.App.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain("POST");
    }

    [Fact] // CLIENT-1: the confidential demo app authenticates with client_secret_basic (PKCE still required, SEC-10).
    public async Task ConfidentialClient_BasicAuth_ExchangesCode()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var parameters = flow.AuthorizeParameters(Scope, clientId: "confidential-app", redirectUri: ConfidentialRedirect);
        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(parameters));
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();

        var result = await flow.TokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = ConfidentialRedirect, ["code_verifier"] = flow.Verifier },
            Basic("confidential-app", "confidential-secret"));

        result.Status.Should().Be(HttpStatusCode.OK);
        result["patient"].Should().Be("peds-001");
    }

    [Fact] // CLIENT-1: client_secret_post.
    public async Task ConfidentialClient_SecretPost_ExchangesCode()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var parameters = flow.AuthorizeParameters(Scope, clientId: "confidential-app", redirectUri: ConfidentialRedirect);
        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(parameters));
        var code = QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();

        var result = await flow.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = ConfidentialRedirect, ["code_verifier"] = flow.Verifier,
            ["client_id"] = "confidential-app", ["client_secret"] = "confidential-secret",
        });

        result.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact] // TOKEN-6: a confidential client that does not authenticate is refused.
    public async Task ConfidentialClient_WithoutSecret_IsInvalidClient()
    {
        using var flow = new SmartFlowClient(factory);

        AssertError(await flow.ExchangeCodeAsync("any", clientId: "confidential-app", redirectUri: ConfidentialRedirect), HttpStatusCode.BadRequest, "invalid_client");
    }

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(id) + ":" + Uri.EscapeDataString(secret))));
}
