using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Smart.AspNetCore.Testing.Tests;

/// <summary>The kit's fake clock drives the host's expiry checks (TOKEN-9; the resource server allows 30 s of skew).</summary>
public sealed class FakeClockTests(FakeClockSampleHost host) : IClassFixture<FakeClockSampleHost>
{
    [Theory]
    [InlineData(-1, HttpStatusCode.OK)]
    [InlineData(31, HttpStatusCode.Unauthorized)]
    public async Task MintedToken_AroundExpiry_IsAcceptedThenRefused(int secondsAfterExpiry, HttpStatusCode expected)
    {
        var raw = await host.CreateAccessTokenAsync(new SmartTestTokenRequest { Scope = "patient/Patient.rs", Patient = "peds-001" });
        var token = new JsonWebToken(raw);
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", raw);

        host.Clock!.SetUtcNow(new DateTimeOffset(token.ValidTo, TimeSpan.Zero).AddSeconds(secondsAfterExpiry));
        var response = await client.GetAsync(new Uri("/fhir/Patient/peds-001", UriKind.Relative));

        if (expected == HttpStatusCode.OK)
        {
            await response.AssertStatusAsync(HttpStatusCode.OK);
        }
        else
        {
            response.AssertBearerChallenge(HttpStatusCode.Unauthorized, "invalid_token");
        }
    }

    [Fact]
    public async Task MintedToken_IssuedAtTheFakeTime()
    {
        var start = host.Clock!.GetUtcNow();

        var token = new JsonWebToken(await host.CreateAccessTokenAsync(new SmartTestTokenRequest { Scope = "patient/Patient.rs", Patient = "peds-001" }));

        Assert.Equal(start.ToUnixTimeSeconds(), new DateTimeOffset(token.IssuedAt, TimeSpan.Zero).ToUnixTimeSeconds());
    }
}
