using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Smart.AspNetCore.Testing;

namespace Smart.AspNetCore.Testing.Tests;

/// <summary>Tokens minted by the kit against the sample's real resource server (RS-3..RS-6).</summary>
public sealed class WithSmartTokenTests(SampleHost host) : IClassFixture<SampleHost>
{
    [Fact] // RS-6: a patient/ token reads its patient's Observations.
    public async Task WithSmartToken_PatientScope_ReadsThePatientsObservations()
    {
        var client = host.CreateClient();

        var response = await client.WithSmartToken("patient/Observation.rs", patient: "peds-001").GetAsync(new Uri("/fhir/Observation?patient=peds-001", UriKind.Relative));

        await response.AssertStatusAsync(HttpStatusCode.OK);
        using var bundle = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(bundle.RootElement.GetProperty("entry").GetArrayLength() >= 30);
    }

    [Fact] // RS-5: a patient outside the token's compartment is refused with insufficient_scope and an OperationOutcome.
    public async Task WithSmartToken_OtherPatient_IsForbidden()
    {
        var client = host.CreateClient().WithSmartToken("patient/Patient.rs", patient: "peds-001");

        var response = await client.GetAsync(new Uri("/fhir/Patient/adult-002", UriKind.Relative));

        response.AssertBearerChallenge(HttpStatusCode.Forbidden, "insufficient_scope");
        await response.AssertOperationOutcomeAsync(HttpStatusCode.Forbidden);
    }

    [Fact] // RS-5: a type outside the granted scopes is 403.
    public async Task WithSmartToken_TypeNotGranted_IsForbidden()
    {
        var response = await host.CreateClient().WithSmartToken("patient/Observation.rs", patient: "peds-001")
            .GetAsync(new Uri("/fhir/Condition?patient=peds-001", UriKind.Relative));

        response.AssertBearerChallenge(HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Fact] // RS-3: no token, a challenge without an error (RFC 6750 §3.1).
    public async Task NoToken_IsUnauthorizedWithoutError()
    {
        var response = await host.CreateClient().GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative));

        response.AssertBearerChallenge(HttpStatusCode.Unauthorized, error: null);
    }

    [Fact] // OIDC-3: a user/ token with fhirUser reads the user's own resource.
    public async Task WithSmartToken_UserScope_ReadsThePractitioner()
    {
        var response = await host.CreateClient().WithSmartToken("user/Practitioner.rs", fhirUser: "Practitioner/prac-001")
            .GetAsync(new Uri("/fhir/Practitioner/prac-001", UriKind.Relative));

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact] // TOKEN-9, RFC 9068: the minted token has the real token's header and claims, signed with the test key.
    public async Task CreateAccessTokenAsync_RegisteredClient_CarriesTheTokenEndpointsClaims()
    {
        var token = new JsonWebToken(await host.CreateAccessTokenAsync(new SmartTestTokenRequest
        {
            Scope = "launch patient/Observation.rs",
            Patient = "peds-001",
            Encounter = "enc-1",
            FhirUser = "Practitioner/prac-001",
            ClientId = "growth-chart",
            Subject = "clinician",
        }));

        Assert.Equal(SmartTestKeys.KeyId, token.Kid);
        Assert.Equal("at+jwt", token.Typ);
        Assert.Equal(SampleHost.FhirBase, token.Issuer);
        Assert.Equal([SampleHost.FhirBase], token.Audiences);
        Assert.Equal("growth-chart", token.GetClaim("client_id").Value);
        Assert.Equal("clinician", token.Subject);
        Assert.Equal("peds-001", token.GetClaim("patient").Value);
        Assert.Equal("enc-1", token.GetClaim("encounter").Value);
        Assert.Equal("Practitioner/prac-001", token.GetClaim("fhirUser").Value);
        Assert.Equal("launch patient/Observation.rs", token.GetClaim("scope").Value);
        Assert.True(token.TryGetClaim("jti", out _));
        Assert.True(token.TryGetClaim("gid", out _));
    }

    [Fact]
    public async Task CreateAccessTokenAsync_UnregisteredClient_Throws()
    {
        var mint = () => host.CreateAccessTokenAsync(new SmartTestTokenRequest { Scope = "patient/*.rs", ClientId = "no-such-client" });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(mint);
        Assert.Contains("no-such-client", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithSmartToken_ClientOfAnotherFactory_ThrowsWithTheFix()
    {
        using var plain = new HttpClient();

        var exception = Assert.Throws<InvalidOperationException>(() => plain.WithSmartToken("patient/*.rs"));
        Assert.Contains("SmartTestTokens.CreateAccessTokenAsync", exception.Message, StringComparison.Ordinal);
    }
}
