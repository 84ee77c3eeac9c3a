using System.Net;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Refresh tokens: rotation, reuse detection, narrowing, session end (REFRESH-1..REFRESH-9).</summary>
[Collection(SampleEhrCollection.Name)]
public class RefreshTokenTests(SampleEhrFactory factory)
{
    private const string Offline = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access";

    private async Task<(SmartFlowClient Flow, TokenResult Token)> TokenAsync(string scope = Offline)
    {
        var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(scope));
        token.Status.Should().Be(HttpStatusCode.OK);
        return (flow, token);
    }

    [Fact] // REFRESH-4, REFRESH-5, REFRESH-6, TOKEN-8 (SAL 1.4): no scope keeps the grant; the token rotates.
    public async Task Refresh_WithoutScope_ReturnsSameScopeAndRotates()
    {
        var (flow, token) = await TokenAsync();
        using (flow)
        {
            var refreshed = await flow.RefreshAsync(token["refresh_token"]!);

            refreshed.Status.Should().Be(HttpStatusCode.OK);
            refreshed["scope"].Should().Be(Offline);
            refreshed["token_type"].Should().Be("Bearer");
            refreshed.Json.GetProperty("expires_in").GetInt32().Should().BePositive();
            refreshed["refresh_token"].Should().NotBeNullOrEmpty().And.NotBe(token["refresh_token"]);
            refreshed["patient"].Should().Be("peds-001");
            refreshed.Headers.CacheControl!.NoStore.Should().BeTrue();
            refreshed.Headers.Pragma.ToString().Should().Be("no-cache");

            var again = await flow.RefreshAsync(refreshed["refresh_token"]!);
            again.Status.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact] // REFRESH-4 (SAL 1.5): scope equal to the grant is accepted; narrower narrows; wider is invalid_scope.
    public async Task Refresh_WithScope_NarrowsButNeverWidens()
    {
        var (flow, token) = await TokenAsync();
        using (flow)
        {
            var same = await flow.RefreshAsync(token["refresh_token"]!, token["scope"]);
            same.Status.Should().Be(HttpStatusCode.OK);
            same["scope"].Should().Be(Offline);

            var narrower = await flow.RefreshAsync(same["refresh_token"]!, "patient/Patient.rs");
            narrower.Status.Should().Be(HttpStatusCode.OK);
            narrower["scope"].Should().Be("patient/Patient.rs");
            Jwt.Payload(narrower["access_token"]!).GetProperty("scope").GetString().Should().Be("patient/Patient.rs");

            // REFRESH-6: the rotated refresh token keeps the whole grant.
            var full = await flow.RefreshAsync(narrower["refresh_token"]!);
            full["scope"].Should().Be(Offline);

            var wider = await flow.RefreshAsync(full["refresh_token"]!, Offline + " patient/Condition.rs");
            wider.Status.Should().Be(HttpStatusCode.BadRequest);
            wider.Error.Should().Be("invalid_scope");
        }
    }

    [Fact] // REFRESH-7: a reused refresh token revokes the whole family.
    public async Task Refresh_ReusedToken_RevokesFamily()
    {
        var (flow, token) = await TokenAsync();
        using (flow)
        {
            var rotated = await flow.RefreshAsync(token["refresh_token"]!);
            rotated.Status.Should().Be(HttpStatusCode.OK);

            var reuse = await flow.RefreshAsync(token["refresh_token"]!);
            reuse.Status.Should().Be(HttpStatusCode.BadRequest);
            reuse.Error.Should().Be("invalid_grant");

            var victim = await flow.RefreshAsync(rotated["refresh_token"]!);
            victim.Status.Should().Be(HttpStatusCode.BadRequest);
            victim.Error.Should().Be("invalid_grant");
        }
    }

    [Fact] // REFRESH-8, g10: an invalid refresh token is 400 invalid_grant.
    public async Task Refresh_RandomToken_IsInvalidGrant()
    {
        using var flow = new SmartFlowClient(factory);

        var result = await flow.RefreshAsync(Guid.NewGuid().ToString());

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_grant");
    }

    [Fact] // REFRESH-2, REFRESH-3: bound to the client it was issued to.
    public async Task Refresh_ByAnotherClient_IsInvalidGrant()
    {
        var (flow, token) = await TokenAsync();
        using (flow)
        {
            var result = await flow.TokenAsync(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = token["refresh_token"]!,
                ["client_id"] = "confidential-app", ["client_secret"] = "confidential-secret",
            });

            result.Status.Should().Be(HttpStatusCode.BadRequest);
            result.Error.Should().Be("invalid_grant");
        }
    }

    [Fact] // REFRESH-7: 50 parallel refreshes of one token, exactly one succeeds.
    public async Task Refresh_FiftyParallel_ExactlyOneSucceeds()
    {
        var (flow, token) = await TokenAsync();
        using (flow)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => flow.RefreshAsync(token["refresh_token"]!)));

            results.Count(r => r.Status == HttpStatusCode.OK).Should().Be(1);
        }
    }

    [Fact] // REFRESH-9: online_access ends with the user's session; offline_access does not.
    public async Task Logout_EndsOnlineAccessButNotOfflineAccess()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var online = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync("launch/patient openid patient/Patient.rs online_access"));
        var offline = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Offline));
        online["refresh_token"].Should().NotBeNull();

        var page = await flow.Browser.GetStringAsync(new Uri("/ehr", UriKind.Relative));
        using var logout = new FormUrlEncodedContent(HtmlForm.HiddenInputs(HtmlForm.Form(page, "logout-form")));
        using var loggedOut = await flow.Browser.PostAsync(new Uri("/account/logout", UriKind.Relative), logout);
        loggedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var afterOnline = await flow.RefreshAsync(online["refresh_token"]!);
        afterOnline.Status.Should().Be(HttpStatusCode.BadRequest);
        afterOnline.Error.Should().Be("invalid_grant");
        (await flow.RefreshAsync(offline["refresh_token"]!)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact] // REFRESH-1: no refresh token without offline_access/online_access.
    public async Task Token_WithoutRefreshScopes_HasNoRefreshToken()
    {
        var (flow, token) = await TokenAsync("launch/patient openid patient/Patient.rs");
        using (flow)
        {
            token["refresh_token"].Should().BeNull();
        }
    }
}
