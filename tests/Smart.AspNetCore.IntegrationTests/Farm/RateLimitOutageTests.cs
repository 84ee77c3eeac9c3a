using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Smart.AspNetCore.IntegrationTests.Infrastructure;
using Smart.AspNetCore.Testing;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>
/// Rate limiting with the counters in Redis, when Redis is unreachable: the token and introspection endpoints answer
/// <c>503 temporarily_unavailable</c> as for every other store (never 500, never an unthrottled request), and work
/// again when Redis is back. Its own redis-server, which the test stops.
/// </summary>
public sealed class RateLimitOutageTests : IDisposable
{
    private readonly RedisServer _server = new();
    private readonly ThrottledRedisSampleEhrFactory _ehr;

    public RateLimitOutageTests() => _ehr = new ThrottledRedisSampleEhrFactory(_server.Configuration);

    [Fact]
    public async Task Token_RateLimitStoreUnreachable_Answers503_ThenWorksWhenRedisIsBack()
    {
        using var app = _ehr.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var before = await PostAsync(app, "/fhir/auth/token"))
        {
            before.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await ErrorAsync(before)).Should().Be("invalid_grant");
        }

        _server.Stop();
        try
        {
            foreach (var path in new[] { "/fhir/auth/token", "/fhir/auth/introspect" })
            {
                using var refused = await PostAsync(app, path);
                refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, path);
                (await ErrorAsync(refused)).Should().Be("temporarily_unavailable");
                refused.Headers.RetryAfter.Should().NotBeNull();
            }
        }
        finally
        {
            _server.Start();
        }

        await _ehr.WaitUntilConnectedAsync();
        using var after = await PostAsync(app, "/fhir/auth/token");
        after.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorAsync(after)).Should().Be("invalid_grant");
    }

    public void Dispose()
    {
        _ehr.Dispose();
        _server.Dispose();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = "bogus",
                ["token"] = "bogus",
                ["redirect_uri"] = SampleEhrFactory.Origin + "/apps/confidential/callback",
                ["code_verifier"] = new string('a', 43),
            }),
        };
        request.Headers.Authorization = ClientAssertions.Basic("confidential-app", "confidential-secret");
        return await client.SendAsync(request);
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();

    private sealed class ThrottledRedisSampleEhrFactory(string redis) : RedisSampleEhrFactory(redis)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:Enabled", "true");
        }
    }
}
