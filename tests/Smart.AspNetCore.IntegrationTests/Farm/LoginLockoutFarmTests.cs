using System.Net;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>
/// The demo login's lockout in a farm (SAMPLE-CONTRACT "Abuse" and "Several instances, one EHR"): the two instances
/// count wrong passwords in the one Redis, so a guesser whose attempts the balancer spreads over both gets five in
/// total before the account is locked on both, not five on each; a successful sign-in clears the count everywhere.
/// </summary>
public sealed class LoginLockoutFarmTests(FarmThrottlingTests.ThrottledFarmFixture farm) : IClassFixture<FarmThrottlingTests.ThrottledFarmFixture>
{
    private const int MaxFailures = 5;

    [Fact]
    public async Task Login_WrongPasswordsSpreadOverTwoInstances_LockTheAccountOnBoth()
    {
        using var browser = NewBrowser();
        var failedOn = new List<string>();
        for (var i = 0; i < MaxFailures; i++)
        {
            using var wrong = await LoginAsync(browser, "clinician", "wrong", postTo: i % 2 == 0 ? "A" : "B");
            wrong.StatusCode.Should().Be(HttpStatusCode.OK, $"wrong password {i + 1} of {MaxFailures} shows the form again");
            failedOn.Add(Instance(wrong));
        }

        failedOn.Should().Contain("A").And.Contain("B");

        foreach (var instance in new[] { "A", "B" })
        {
            using var locked = await LoginAsync(browser, "clinician", "clinician", postTo: instance);
            Instance(locked).Should().Be(instance);
            locked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, $"the account is locked on instance {instance} too");
            locked.Headers.Location.Should().BeNull();
            locked.Headers.RetryAfter!.Delta!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(60));
        }

        using var otherUser = await LoginAsync(browser, "patient", "patient", postTo: "A");
        otherUser.StatusCode.Should().Be(HttpStatusCode.Redirect, "the lockout is per account");
    }

    [Fact]
    public async Task Login_SuccessOnOneInstance_ClearsTheFailuresCountedOnBoth()
    {
        using var browser = NewBrowser();
        for (var i = 0; i < MaxFailures - 1; i++)
        {
            using var wrong = await LoginAsync(browser, "patient", "wrong", postTo: i % 2 == 0 ? "A" : "B");
            wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var right = await LoginAsync(browser, "patient", "patient", postTo: "B"))
        {
            right.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        for (var i = 0; i < MaxFailures - 1; i++)
        {
            using var wrong = await LoginAsync(browser, "patient", "wrong", postTo: i % 2 == 0 ? "B" : "A");
            wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var stillOpen = await LoginAsync(browser, "patient", "patient", postTo: "A");
        stillOpen.StatusCode.Should().Be(HttpStatusCode.Redirect, "the first four failures were cleared by the sign-in in between");
    }

    [Fact] // SAMPLE-CONTRACT "Several instances": the lockout's Redis unreachable: the login page answers 503, never 500.
    public async Task Login_RedisUnreachable_Answers503Page_ThenWorksAgain()
    {
        using var browser = NewBrowser();
        using (var page = await browser.GetAsync(new Uri("/account/login", UriKind.Relative)))
        {
            page.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        farm.Server.Stop(keepData: true);
        try
        {
            foreach (var instance in new[] { "A", "B" })
            {
                using var refused = await LoginAsync(browser, "patient", "patient", postTo: instance);
                refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, $"instance {instance} cannot read the shared lockout");
                refused.Headers.RetryAfter.Should().NotBeNull();
                refused.Headers.Location.Should().BeNull();
                (await refused.Content.ReadAsStringAsync()).Should().Contain("temporarily unavailable");
            }
        }
        finally
        {
            farm.Server.Start();
        }

        // Back within 30 s without a restart (the contract's bound).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            using var again = await LoginAsync(browser, "patient", "patient", postTo: "A");
            status = again.StatusCode;
        }
        while (status != HttpStatusCode.Redirect && DateTime.UtcNow < deadline);

        status.Should().Be(HttpStatusCode.Redirect);
    }

    private HttpClient NewBrowser() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(farm.BalancerUrl) };

    private static string Instance(HttpResponseMessage response) => response.Headers.GetValues("X-Instance").Single();

    /// <summary>
    /// Gets the login form (through the balancer, from either instance: the antiforgery keys are shared) and posts it
    /// to <paramref name="postTo"/>: the round-robin balancer alternates, so an extra request moves the post over.
    /// </summary>
    private static async Task<HttpResponseMessage> LoginAsync(HttpClient browser, string username, string password, string postTo)
    {
        using var page = await browser.GetAsync(new Uri("/account/login", UriKind.Relative));
        if (Instance(page) == postTo)
        {
            (await browser.GetAsync(new Uri("/account/login", UriKind.Relative))).Dispose();
        }

        var form = HtmlForm.HiddenInputs(await page.Content.ReadAsStringAsync(), "login-form");
        form.Add(new("username", username));
        form.Add(new("password", password));
        using var content = new FormUrlEncodedContent(form);
        return await browser.PostAsync(new Uri("/account/login", UriKind.Relative), content);
    }
}
