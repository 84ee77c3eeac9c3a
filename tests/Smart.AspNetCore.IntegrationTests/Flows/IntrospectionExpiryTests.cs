using System.Net;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Introspection at the access token's expiry, with the public test kit's fake clock and flow driver (INTROSPECT-5).</summary>
public class IntrospectionExpiryTests(KitFakeClockSampleEhrFactory factory) : IClassFixture<KitFakeClockSampleEhrFactory>
{
    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public async Task Introspect_AtAccessTokenExpiry_BecomesInactive(int secondsFromExpiry, bool active)
    {
        using var flow = factory.GrowthChart();
        await flow.LoginAsync("patient", "patient");
        var token = await flow.StandaloneLaunchAsync("launch/patient openid fhirUser patient/*.rs offline_access");

        factory.Clock.Advance(TimeSpan.FromSeconds(token.Json.GetProperty("expires_in").GetInt32() + secondsFromExpiry));
        var (status, json, response) = await IntrospectionTests.IntrospectAsync(flow.App, new Dictionary<string, string> { ["token"] = token.AccessToken! }, IntrospectionTests.ConfidentialApp);

        if (active)
        {
            status.Should().Be(HttpStatusCode.OK);
            json.GetProperty("active").GetBoolean().Should().BeTrue();
        }
        else
        {
            IntrospectionTests.AssertInactive(status, json, response);
        }
    }
}
