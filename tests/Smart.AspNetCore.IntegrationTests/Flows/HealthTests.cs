using System.Net;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary><c>/healthz</c> of the sample reports the library's signing keys and stores.</summary>
[Collection(SampleEhrCollection.Name)]
public class HealthTests(SampleEhrFactory factory)
{
    [Fact]
    public async Task Healthz_DefaultHost_ReportsKeysAndStoresHealthy()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("status").GetString().Should().Be("Healthy");
        var keys = json.GetProperty("checks").GetProperty("smart-signing-keys");
        keys.GetProperty("status").GetString().Should().Be("Healthy");
        keys.GetProperty("data").GetProperty("active").GetString().Should().Contain("test-rs256 RS256");
        var stores = json.GetProperty("checks").GetProperty("smart-stores");
        stores.GetProperty("status").GetString().Should().Be("Healthy");
        stores.GetProperty("data").GetProperty("refresh_tokens").GetString().Should().Be("InMemoryRefreshTokenStore");
        stores.GetProperty("data").GetProperty("clients").GetString().Should().Be("ValidatingClientRegistry");
    }
}
