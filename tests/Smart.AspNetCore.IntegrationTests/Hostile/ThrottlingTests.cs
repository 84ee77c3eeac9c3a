using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Hostile;

/// <summary>
/// SAMPLE-CONTRACT "Abuse": the sample's rate limiting (30 failed client authentications a minute per client, 429 with
/// Retry-After of at most 60 s, the right credentials working after it) and the demo login's lockout.
/// </summary>
public sealed class ThrottlingTests
{
    private const string Client = ConfidentialAppRequests.ClientId;
    private const string Secret = ConfidentialAppRequests.Secret;

    [Fact]
    public async Task Token_BurstOfWrongSecrets_Gets429WithRetryAfter()
    {
        using var factory = new ThrottledSampleEhrFactory(window: null);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var i = 0; i < 30; i++)
        {
            using var refused = await ConfidentialAppRequests.BogusCodeExchangeAsync(client, "wrong-" + i);
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"attempt {i + 1} is within the budget");
            (await ConfidentialAppRequests.ErrorAsync(refused)).Should().Be("invalid_client");
        }

        using var throttled = await ConfidentialAppRequests.BogusCodeExchangeAsync(client, Secret);

        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await ConfidentialAppRequests.ErrorAsync(throttled)).Should().Be("temporarily_unavailable");
        throttled.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        throttled.Headers.CacheControl!.NoStore.Should().BeTrue();
        var retryAfter = throttled.Headers.RetryAfter!.Delta!.Value;
        retryAfter.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(60));

        // The budget is per client: another client is not affected by confidential-app's lockout.
        using var other = await client.PostAsync(new Uri("/fhir/auth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = "bogus",
            ["client_id"] = "growth-chart",
            ["redirect_uri"] = SmartFlowClient.GrowthChartRedirect,
            ["code_verifier"] = new string('a', 43),
        }));
        other.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConfidentialAppRequests.ErrorAsync(other)).Should().Be("invalid_grant");
    }

    [Fact]
    public async Task Token_AfterRetryAfter_RightSecretWorksAgain()
    {
        using var factory = new ThrottledSampleEhrFactory(window: TimeSpan.FromSeconds(2));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 30; i++)
        {
            (await ConfidentialAppRequests.BogusCodeExchangeAsync(client, "wrong")).Dispose();
        }

        using var throttled = await ConfidentialAppRequests.BogusCodeExchangeAsync(client, Secret);
        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var wait = throttled.Headers.RetryAfter!.Delta!.Value;
        wait.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));

        await Task.Delay(wait + TimeSpan.FromMilliseconds(500));
        using var again = await ConfidentialAppRequests.BogusCodeExchangeAsync(client, Secret);

        // Authenticated: the bogus code is what fails now, not the client.
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConfidentialAppRequests.ErrorAsync(again)).Should().Be("invalid_grant");
    }

    [Fact] // Introspection and revocation share the failure budget of client authentication.
    public async Task Introspection_BurstOfWrongSecrets_Gets429()
    {
        using var factory = new ThrottledSampleEhrFactory(window: null);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 30; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(i % 2 == 0 ? "/fhir/auth/introspect" : "/fhir/auth/revoke", UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "x" }),
            };
            request.Headers.Authorization = ClientAssertions.Basic(Client, "wrong");
            using var refused = await client.SendAsync(request);
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var throttled = await ConfidentialAppRequests.BogusCodeExchangeAsync(client, Secret);
        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        throttled.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact] // The demo login locks an account after repeated wrong passwords, right password or not.
    public async Task Login_RepeatedWrongPasswords_LocksTheAccount()
    {
        using var factory = new ThrottledSampleEhrFactory(window: null);
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await LoginAsync(browser, "clinician", "wrong");
            wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var locked = await LoginAsync(browser, "clinician", "clinician");

        locked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        locked.Headers.Location.Should().BeNull();
        locked.Headers.RetryAfter!.Delta!.Value.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(60));
        using var otherUser = await LoginAsync(browser, "patient", "patient");
        otherUser.StatusCode.Should().Be(HttpStatusCode.Redirect, "the lockout is per account");
    }

    [Fact] // RateLimiting:Enabled=false turns it all off (load, fuzz and race runs from one address).
    public async Task Disabled_BurstOfWrongSecrets_NeverThrottled()
    {
        using var factory = new SampleEhrFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 40; i++)
        {
            (await ConfidentialAppRequests.BogusCodeExchangeAsync(client, "wrong")).Dispose();
        }

        using var right = await ConfidentialAppRequests.BogusCodeExchangeAsync(client, Secret);
        right.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ConfidentialAppRequests.ErrorAsync(right)).Should().Be("invalid_grant");
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient browser, string username, string password)
    {
        var page = await browser.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var form = HtmlForm.HiddenInputs(page, "login-form");
        form.Add(new("username", username));
        form.Add(new("password", password));
        using var content = new FormUrlEncodedContent(form);
        return await browser.PostAsync(new Uri("/account/login", UriKind.Relative), content);
    }

    private sealed class ThrottledSampleEhrFactory(TimeSpan? window) : SampleEhrFactory
    {
        protected override bool RateLimiting => true;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (window is { } w)
            {
                builder.UseSetting("Smart:RateLimiting:Window", w.ToString());
            }
        }
    }
}
