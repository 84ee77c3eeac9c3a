using System.Net;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Refusals are logged with the stable error id of docs/errors.md, so an operator can find the rule.</summary>
[Collection(SampleEhrCollection.Name)]
public class ErrorIdLoggingTests(SampleEhrFactory factory)
{
    [Fact]
    public async Task TokenRequest_MissingGrantType_LogsErrorIdWithTheRefusal()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/fhir/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "growth-chart",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetString().Should().Be("invalid_request");
        factory.LibraryLogs.Messages.Should().Contain(m => m.Contains("refused (SMART-TOKEN-003): invalid_request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevocationRequest_WrongSecret_LogsClientAuthenticationErrorId()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/auth/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "x" }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("confidential-app:wrong"u8.ToArray()));
        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetString().Should().Be("invalid_client");
        factory.LibraryLogs.Messages.Should().Contain(m => m.Contains("(SMART-CLIENT-009): invalid_client", StringComparison.Ordinal));
    }
}
