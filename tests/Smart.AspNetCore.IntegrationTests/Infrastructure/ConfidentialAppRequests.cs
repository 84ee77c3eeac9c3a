using System.Text.Json;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>
/// Token requests of the sample's confidential demo app that only client authentication decides: a code exchange with
/// a bogus code (an authenticated client gets <c>invalid_grant</c>, a wrong secret <c>invalid_client</c>, a throttled
/// client <c>429</c>), for the rate-limiting tests of one instance and of the farm.
/// </summary>
internal static class ConfidentialAppRequests
{
    public const string ClientId = "confidential-app";

    public const string Secret = "confidential-secret";

    /// <summary>Posts the bogus code exchange with HTTP Basic <see cref="ClientId"/>:<paramref name="secret"/>.</summary>
    public static async Task<HttpResponseMessage> BogusCodeExchangeAsync(HttpClient client, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/fhir/auth/token", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = "bogus",
                ["redirect_uri"] = SampleEhrFactory.Origin + "/apps/confidential/callback",
                ["code_verifier"] = new string('a', 43),
            }),
        };
        request.Headers.Authorization = ClientAssertions.Basic(ClientId, secret);
        return await client.SendAsync(request);
    }

    /// <summary>The response's OAuth <c>error</c> code.</summary>
    public static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
}
