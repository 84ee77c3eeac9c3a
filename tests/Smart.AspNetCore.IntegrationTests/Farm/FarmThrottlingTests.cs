using System.Net;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>
/// Rate limiting in a farm (SAMPLE-CONTRACT "Abuse", SEC hardening): the two instances count in the one Redis, so the
/// failure budget of a client holds for the farm as a whole. A password guesser whose attempts the balancer spreads over
/// both instances gets the configured budget in total, not twice it; the right secret works again after the window.
/// </summary>
public sealed class FarmThrottlingTests(FarmThrottlingTests.ThrottledFarmFixture farm) : IClassFixture<FarmThrottlingTests.ThrottledFarmFixture>
{
    private const int Budget = 6;
    private const string Client = ConfidentialAppRequests.ClientId;
    private const string Secret = ConfidentialAppRequests.Secret;

    [Fact]
    public async Task Token_WrongSecretsSpreadOverTwoInstances_LockedOutAtTheBudgetInTotal_RightSecretWorksAfterTheWindow()
    {
        using var app = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(farm.BalancerUrl) };
        var refusedBy = new List<string>();
        for (var i = 0; i < Budget; i++)
        {
            using var refused = await ConfidentialAppRequests.BogusCodeExchangeAsync(app, "wrong-" + i);
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"attempt {i + 1} of {Budget} is within the farm's budget");
            (await ConfidentialAppRequests.ErrorAsync(refused)).Should().Be("invalid_client");
            refusedBy.Add(refused.Headers.GetValues("X-Instance").Single());
        }

        refusedBy.Count(i => i == "A").Should().Be(Budget / 2, "the balancer alternates, so each instance saw half the guesses");
        refusedBy.Count(i => i == "B").Should().Be(Budget / 2);

        // Both instances now refuse the client, even with the right secret, before checking it.
        var throttledBy = new HashSet<string>();
        TimeSpan wait = default;
        for (var i = 0; i < 2; i++)
        {
            using var throttled = await ConfidentialAppRequests.BogusCodeExchangeAsync(app, Secret);
            throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            (await ConfidentialAppRequests.ErrorAsync(throttled)).Should().Be("temporarily_unavailable");
            throttled.Headers.CacheControl!.NoStore.Should().BeTrue();
            wait = throttled.Headers.RetryAfter!.Delta!.Value;
            wait.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(ThrottledFarmFixture.Window);
            throttledBy.Add(throttled.Headers.GetValues("X-Instance").Single());
        }

        throttledBy.Should().BeEquivalentTo(["A", "B"]);

        await Task.Delay(wait + TimeSpan.FromMilliseconds(500));
        for (var i = 0; i < 2; i++)
        {
            // Authenticated on both instances: the bogus code is what fails now, not the client.
            using var again = await ConfidentialAppRequests.BogusCodeExchangeAsync(app, Secret);
            again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await ConfidentialAppRequests.ErrorAsync(again)).Should().Be("invalid_grant");
        }
    }

    /// <summary>The farm with the sample's rate limiting on: a failure budget of six a client in windows of eight seconds.</summary>
    public sealed class ThrottledFarmFixture : FarmFixture
    {
        public static readonly TimeSpan Window = TimeSpan.FromSeconds(8);

        protected override IReadOnlyDictionary<string, string> InstanceSettings { get; } = new Dictionary<string, string>
        {
            ["RateLimiting:Enabled"] = "true",
            ["Smart:RateLimiting:Window"] = Window.ToString(),
            ["Smart:RateLimiting:FailedAuthenticationsPerClient"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
