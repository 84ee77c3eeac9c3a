using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Hostile;

/// <summary>
/// SEC-7, RFC 6749 §10.13: the pages that grant access may be framed only by the EHR's own origin (its embedded launch)
/// and configured origins; every other origin is refused by the browser.
/// </summary>
[Collection(SampleEhrCollection.Name)]
public class FramingTests(SampleEhrFactory factory)
{
    [Theory]
    [InlineData("/smart/consent?request_id=unknown")]
    [InlineData("/smart/patient-picker?request_id=unknown")]
    [InlineData("/account/login")]
    public async Task ProtectedPage_NoExtraOrigins_SelfOnlyAndSameOrigin(string path)
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("clinician", "clinician");

        using var response = await flow.Browser.GetAsync(new Uri(path, UriKind.Relative));

        response.Headers.GetValues("Content-Security-Policy").Should().Contain("frame-ancestors 'self'");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("SAMEORIGIN");
    }

    [Fact] // The real consent page of a pending request carries the rule.
    public async Task ConsentPage_OfPendingRequest_IsProtected()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        using var authorize = await flow.AuthorizeAsync(flow.AuthorizeParameters("launch/patient patient/Observation.rs"));
        authorize.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var consent = await flow.Browser.GetAsync(authorize.Headers.Location);

        consent.StatusCode.Should().Be(HttpStatusCode.OK);
        consent.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/smart/consent");
        consent.Headers.GetValues("Content-Security-Policy").Should().Contain("frame-ancestors 'self'");
        consent.Headers.GetValues("X-Frame-Options").Should().Equal("SAMEORIGIN");
    }

    [Fact] // Other EHR pages are not affected.
    public async Task UnmarkedPage_HasNoFramingRule()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/fhir/.well-known/smart-configuration", UriKind.Relative));

        response.Headers.Contains("X-Frame-Options").Should().BeFalse();
        response.Headers.Contains("Content-Security-Policy").Should().BeFalse();
    }

    [Fact] // Configured origins are added; X-Frame-Options (which cannot list origins) is then left out.
    public async Task ProtectedPage_ConfiguredOrigins_AreListed()
    {
        using var configured = factory.WithWebHostBuilder(b => b
            .UseSetting("Smart:Framing:AllowedAncestors:0", "https://portal.example.org")
            .UseSetting("Smart:Framing:AllowedAncestors:1", "https://shell.example.org:8443"));
        using var flow = new SmartFlowClient(configured);
        await flow.LoginAsync("clinician", "clinician");

        using var response = await flow.Browser.GetAsync(new Uri("/smart/patient-picker?request_id=unknown", UriKind.Relative));

        response.Headers.GetValues("Content-Security-Policy").Should().Contain("frame-ancestors 'self' https://portal.example.org https://shell.example.org:8443");
        response.Headers.Contains("X-Frame-Options").Should().BeFalse();
    }
}
