using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Smart.AspNetCore.Testing.Flows;

namespace Smart.AspNetCore.Testing.Tests;

/// <summary>The kit's flow driver through the sample's real pipeline: its login, consent and picker pages.</summary>
public sealed class FlowDriverTests(SampleHost host) : IClassFixture<SampleHost>
{
    private const string GrowthChartLaunch = "/ehr/launch?client_id=growth-chart&patient=peds-001";

    private static readonly Dictionary<string, string> s_promptConsent = new() { ["prompt"] = "consent" };

    private SmartFlowDriver GrowthChart() => SmartFlowDriver.Create(host, new SmartFlowOptions
    {
        ClientId = "growth-chart",
        RedirectUri = new Uri("http://localhost/apps/growth-chart/index.html"),
    });

    [Fact] // AUTHZ-8, CTX-1, TOKEN-1: EHR launch with PKCE gives the launch's patient.
    public async Task EhrLaunchAsync_Clinician_GetsTheLaunchPatient()
    {
        using var flow = GrowthChart();
        await flow.LoginAsync("clinician", "clinician");

        var token = await flow.EhrLaunchAsync(GrowthChartLaunch, "launch openid fhirUser patient/Observation.rs offline_access");

        Assert.Equal("peds-001", token.Patient);
        Assert.NotNull(token.RefreshToken);
        Assert.NotNull(token.IdToken);
        var response = await flow.App.WithBearer(token.AccessToken!).GetAsync(new Uri("/fhir/Observation?patient=peds-001", UriKind.Relative));
        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact] // The kit's minted token and the token endpoint's carry the same header and claim names.
    public async Task WithSmartToken_ComparedWithARealToken_HasTheSameShape()
    {
        using var flow = GrowthChart();
        await flow.LoginAsync("clinician", "clinician");
        var real = new JsonWebToken((await flow.EhrLaunchAsync(GrowthChartLaunch, "launch fhirUser patient/Observation.rs")).AccessToken);

        var minted = new JsonWebToken(await host.CreateAccessTokenAsync(new SmartTestTokenRequest
        {
            Scope = "launch fhirUser patient/Observation.rs",
            Patient = "peds-001",
            FhirUser = "Practitioner/prac-001",
            ClientId = "growth-chart",
            Subject = real.Subject,
        }));

        Assert.Equal(real.Claims.Select(c => c.Type).Order(), minted.Claims.Select(c => c.Type).Order());
        Assert.Equal(real.Typ, minted.Typ);
        Assert.Equal(real.Kid, minted.Kid);
        Assert.Equal(real.ValidTo - real.IssuedAt, minted.ValidTo - minted.IssuedAt);
        foreach (var claim in new[] { "iss", "aud", "sub", "client_id", "scope", "patient", "fhirUser" })
        {
            Assert.Equal(real.GetClaim(claim).Value, minted.GetClaim(claim).Value);
        }
    }

    [Fact] // AUTHZ-5, CTX-3: a standalone launch by a clinician goes through the picker.
    public async Task StandaloneLaunchAsync_Clinician_PicksThePatient()
    {
        using var flow = GrowthChart();
        await flow.LoginAsync("clinician", "clinician");

        var authorization = await flow.AuthorizeAsync("launch/patient patient/Observation.rs", choices: new SmartInteractionChoices { Patient = "adult-002" });
        var token = (await flow.ExchangeCodeAsync(authorization)).EnsureSuccess();

        Assert.True(authorization.PatientPickerShown);
        Assert.Equal("adult-002", token.Patient);
    }

    [Fact] // AUTHZ-12: deny on the consent page ends in access_denied with the app's state.
    public async Task AuthorizeAsync_Deny_IsAccessDenied()
    {
        using var flow = GrowthChart();
        await flow.LoginAsync("clinician", "clinician");
        var launch = await flow.StartEhrLaunchAsync(GrowthChartLaunch);

        var authorization = await flow.AuthorizeAsync("launch patient/Observation.rs", launch.Launch, SmartInteractionChoices.Deny, s_promptConsent);

        Assert.True(authorization.ConsentShown);
        authorization.AssertError("access_denied");
    }

    [Fact] // SCOPE-9: scopes unticked on the consent page are not granted.
    public async Task AuthorizeAsync_UntickedScope_IsNotGranted()
    {
        using var flow = GrowthChart();
        await flow.LoginAsync("clinician", "clinician");
        var launch = await flow.StartEhrLaunchAsync(GrowthChartLaunch);

        var authorization = await flow.AuthorizeAsync(
            "launch patient/Observation.rs patient/Observation.cu",
            launch.Launch,
            new SmartInteractionChoices { Scopes = ["launch", "patient/Observation.rs"] },
            s_promptConsent);
        var token = (await flow.ExchangeCodeAsync(authorization)).EnsureSuccess();

        Assert.DoesNotContain("patient/Observation.cu", token.Scope!.Split(' '));
        Assert.Contains("patient/Observation.rs", token.Scope!.Split(' '));
    }

    [Fact] // AUTHZ-10, TOKEN-4: PKCE is checked at the code exchange.
    public async Task ExchangeCodeAsync_WrongVerifier_IsInvalidGrant()
    {
        using var flow = GrowthChart();
        await flow.LoginAsync("clinician", "clinician");
        var launch = await flow.StartEhrLaunchAsync(GrowthChartLaunch);
        var authorization = await flow.AuthorizeAsync("launch patient/Observation.rs", launch.Launch);

        var token = await flow.ExchangeCodeAsync(authorization.EnsureCode(), SmartPkce.Create().Verifier);

        token.AssertError("invalid_grant", HttpStatusCode.BadRequest);
    }

    [Fact] // REFRESH-2, REFRESH-7: a refresh rotates; the old refresh token is refused.
    public async Task RefreshAsync_RotatesAndRefusesTheOldToken()
    {
        using var flow = GrowthChart();
        await flow.LoginAsync("clinician", "clinician");
        var first = await flow.EhrLaunchAsync(GrowthChartLaunch, "launch patient/Observation.rs offline_access");

        var second = (await flow.RefreshAsync(first.RefreshToken!)).EnsureSuccess();
        var replay = await flow.RefreshAsync(first.RefreshToken!);

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        replay.AssertError("invalid_grant", HttpStatusCode.BadRequest);
    }

    [Fact] // REVOKE-1, REVOKE-2: a revoked access token stops working at the FHIR API.
    public async Task RevokeAsync_AccessToken_IsRefusedAfterwards()
    {
        using var flow = GrowthChart();
        await flow.LoginAsync("clinician", "clinician");
        var token = await flow.EhrLaunchAsync(GrowthChartLaunch, "launch patient/Patient.rs");
        var api = flow.App.WithBearer(token.AccessToken!);
        await (await api.GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative))).AssertStatusAsync(HttpStatusCode.OK);

        using var revoked = await flow.RevokeAsync(token.AccessToken!, "access_token");

        await revoked.AssertStatusAsync(HttpStatusCode.OK);
        (await api.GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative))).AssertBearerChallenge(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact] // CLIENT-2: a confidential client authenticates with HTTP Basic.
    public async Task StandaloneLaunchAsync_ConfidentialClient_UsesBasic()
    {
        using var flow = SmartFlowDriver.Create(host, new SmartFlowOptions
        {
            ClientId = "confidential-app",
            ClientSecret = "confidential-secret",
            RedirectUri = new Uri("http://localhost/apps/confidential/callback"),
        });
        await flow.LoginAsync("patient", "patient");

        var token = await flow.StandaloneLaunchAsync("launch/patient patient/Patient.rs");

        Assert.Equal("peds-001", token.Patient);
    }

    [Fact]
    public async Task AuthorizeAsync_NotSignedIn_SaysToLogIn()
    {
        using var flow = GrowthChart();

        var exception = await Assert.ThrowsAsync<SmartAssertionException>(() => flow.AuthorizeAsync("launch/patient patient/Patient.rs"));

        Assert.Contains("LoginAsync", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginAsync_WrongPassword_Fails()
    {
        using var flow = GrowthChart();

        await Assert.ThrowsAsync<SmartAssertionException>(() => flow.LoginAsync("clinician", "wrong"));
    }
}

internal static class BearerClient
{
    /// <summary>A request sender with <c>Authorization: Bearer</c> (a tiny helper of these tests).</summary>
    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
