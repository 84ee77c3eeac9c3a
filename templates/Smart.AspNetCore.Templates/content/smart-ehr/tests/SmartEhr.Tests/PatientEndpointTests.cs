using System.Net;
using Smart.AspNetCore.Testing;
using Smart.AspNetCore.Testing.Flows;

namespace SmartEhr.Tests;

public sealed class PatientEndpointTests(EhrHost host) : IClassFixture<EhrHost>
{
    [Fact]
    public async Task Read_WithPatientScope_IsOk() =>
        await (await host.CreateClient().WithSmartToken("patient/Patient.rs", patient: "pat-1")
            .GetAsync(new Uri("/fhir/Patient/pat-1", UriKind.Relative))).AssertStatusAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Read_WithoutToken_IsChallenged() =>
        (await host.CreateClient().GetAsync(new Uri("/fhir/Patient/pat-1", UriKind.Relative)))
            .AssertBearerChallenge(HttpStatusCode.Unauthorized, null);

    [Fact]
    public async Task StandaloneLaunch_PickingAPatient_ReachesATokenThatReadsThePatient()
    {
        using var flow = SmartFlowDriver.Create(host, new SmartFlowOptions { ClientId = "my-app", RedirectUri = new("http://localhost:5000/app/callback") });
        await flow.LoginAsync("dr-1", "any-password");

        var token = (await flow.StandaloneLaunchAsync(
            "openid fhirUser launch/patient patient/Patient.rs",
            new SmartInteractionChoices { Patient = "pat-1" })).EnsureSuccess();

        Assert.Equal("pat-1", token.Patient);
        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri("/fhir/Patient/pat-1", UriKind.Relative));
        read.Headers.Authorization = new("Bearer", token.AccessToken);
        await (await flow.Browser.SendAsync(read)).AssertStatusAsync(HttpStatusCode.OK);
    }
}
