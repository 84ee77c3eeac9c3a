using System.Net;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Introspection at the access token's expiry, with a fake clock (INTROSPECT-5).</summary>
public class IntrospectionExpiryTests(FakeClockSampleEhrFactory factory) : IClassFixture<FakeClockSampleEhrFactory>
{
    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public async Task Introspect_AtAccessTokenExpiry_BecomesInactive(int secondsFromExpiry, bool active)
    {
        var token = await IntrospectionTests.GrowthChartTokenAsync(factory);
        using var client = factory.CreateClient();

        factory.Clock.Advance(TimeSpan.FromSeconds(token.Json.GetProperty("expires_in").GetInt32() + secondsFromExpiry));
        var (status, json, response) = await IntrospectionTests.IntrospectAsync(client, new Dictionary<string, string> { ["token"] = token["access_token"]! }, IntrospectionTests.ConfidentialApp);

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
