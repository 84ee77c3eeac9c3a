using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>A confidential asymmetric app (<c>asymmetric-app</c>, ES384) in the authorization code flow (CLIENT-2..CLIENT-4, REFRESH-3).</summary>
[Collection(SampleEhrCollection.Name)]
public class AsymmetricClientTests(SampleEhrFactory factory)
{
    private const string Asymmetric = ClientAssertions.Asymmetric;
    private const string Scope = "launch/patient openid fhirUser patient/Patient.rs offline_access";

    private static async Task<string> AuthorizeAsync(SmartFlowClient flow)
    {
        await flow.LoginAsync("patient", "patient");
        var parameters = flow.AuthorizeParameters(Scope, clientId: Asymmetric, redirectUri: ClientAssertions.AsymmetricRedirect);
        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(parameters));
        redirect.GetLeftPart(UriPartial.Path).Should().Be(ClientAssertions.AsymmetricRedirect);
        var query = QueryHelpers.ParseQuery(redirect.Query);
        query.Should().NotContainKey("error");
        return query["code"].ToString();
    }

    private static Dictionary<string, string> CodeForm(SmartFlowClient flow, string code, bool withVerifier = true)
    {
        var form = ClientAssertions.Form(
            ClientAssertions.Create(Asymmetric),
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", ClientAssertions.AsymmetricRedirect));
        if (withVerifier)
        {
            form["code_verifier"] = flow.Verifier;
        }

        return form;
    }

    [Fact] // CLIENT-3, CLIENT-4: authorize -> token with an ES384 assertion; then refresh with a new assertion.
    public async Task CodeFlow_WithAssertion_IssuesTokensAndRefreshes()
    {
        using var flow = new SmartFlowClient(factory);
        var code = await AuthorizeAsync(flow);

        var token = await flow.TokenAsync(CodeForm(flow, code));

        token.Status.Should().Be(HttpStatusCode.OK);
        token["access_token"].Should().NotBeNullOrEmpty();
        token["id_token"].Should().NotBeNullOrEmpty();
        token["patient"].Should().Be("peds-001");
        Jwt.Payload(token["access_token"]!).GetProperty("client_id").GetString().Should().Be(Asymmetric);

        var refreshed = await flow.TokenAsync(ClientAssertions.Form(ClientAssertions.Create(Asymmetric), ("grant_type", "refresh_token"), ("refresh_token", token["refresh_token"]!)));

        refreshed.Status.Should().Be(HttpStatusCode.OK);
        refreshed["refresh_token"].Should().NotBe(token["refresh_token"]);
    }

    [Fact] // AUTHZ-9, SEC-10: PKCE stays required for confidential asymmetric clients.
    public async Task CodeFlow_WithoutVerifier_IsInvalidGrant()
    {
        using var flow = new SmartFlowClient(factory);
        var code = await AuthorizeAsync(flow);

        var token = await flow.TokenAsync(CodeForm(flow, code, withVerifier: false));

        token.Status.Should().Be(HttpStatusCode.BadRequest);
        token.Error.Should().Be("invalid_grant");
    }

    [Fact] // CLIENT-8: the asymmetric app's code cannot be redeemed with a bad assertion.
    public async Task CodeFlow_ForgedAssertion_IsInvalidClient()
    {
        using var flow = new SmartFlowClient(factory);
        var code = await AuthorizeAsync(flow);
        var form = CodeForm(flow, code);
        form["client_assertion"] = ClientAssertions.Create(Asymmetric, key: ClientAssertions.ImpostorKey(Asymmetric));

        var token = await flow.TokenAsync(form);

        token.Status.Should().Be(HttpStatusCode.BadRequest);
        token.Error.Should().Be("invalid_client");
    }
}
