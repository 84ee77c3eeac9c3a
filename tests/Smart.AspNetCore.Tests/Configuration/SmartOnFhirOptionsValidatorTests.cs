using Microsoft.Extensions.Hosting.Internal;
using Smart.AspNetCore.Configuration;
using Smart.AspNetCore.DependencyInjection;
using Smart.AspNetCore.Tests.Signing;

namespace Smart.AspNetCore.Tests.Configuration;

public class SmartOnFhirOptionsValidatorTests
{
    private static readonly SmartOnFhirOptionsValidator s_validator = new(new HostingEnvironment { ContentRootPath = Path.GetTempPath() });

    private static SmartOnFhirOptions ValidOptions()
    {
        var options = new SmartOnFhirOptions { FhirBaseUrl = new Uri("https://ehr.example.org/fhir") };
        options.Signing.Keys.Add(SigningTestKeys.RsaOptions("k1"));
        return options;
    }

    [Fact]
    public void Validate_ValidOptions_Succeeds()
    {
        var result = s_validator.Validate(null, ValidOptions());

        result.Succeeded.Should().BeTrue(result.FailureMessage);
    }

    [Fact]
    public void Validate_MissingBaseUrlAndKeys_ReportsEveryProblemAtOnce()
    {
        var options = new SmartOnFhirOptions();
        options.Lifetimes.AuthorizationCode = TimeSpan.FromHours(1);
        options.Discovery.AdditionalCapabilities.Add("my-capability");

        var result = s_validator.Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().Contain(f => f.Contains("Smart:FhirBaseUrl is required", StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.Contains("Smart:Lifetimes:AuthorizationCode", StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.Contains("must be absolute URIs (DISC-10)", StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.Contains("Smart:Signing", StringComparison.Ordinal));
    }

    [Fact] // BACKEND-4
    public void Validate_BackendAccessTokenLongerThanAnHour_IsRefused()
    {
        var options = ValidOptions();
        options.Lifetimes.BackendAccessToken = TimeSpan.FromHours(2);

        var result = s_validator.Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should().Contain("Smart:Lifetimes:BackendAccessToken");
    }

    [Fact]
    public void Validate_IntrospectionAndRevocationOnTheSamePath_IsRefused()
    {
        var options = ValidOptions();
        options.Endpoints.RevocationPath = options.Endpoints.IntrospectionPath;

        var result = s_validator.Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should().Contain("every endpoint needs its own path");
    }

    [Fact]
    public void Validate_TrailingSlash_IsRefusedWithTheFix()
    {
        var options = ValidOptions();
        options.FhirBaseUrl = new Uri("https://ehr.example.org/fhir/");

        var result = s_validator.Validate(null, options);

        result.Failures.Should().ContainSingle().Which.Should().Contain("Use 'https://ehr.example.org/fhir'");
    }

    [Theory]
    [InlineData("http://localhost:5080/fhir", true, "RequireHttps is true")]
    [InlineData("http://ehr.example.org/fhir", false, "only allowed on loopback hosts")]
    [InlineData("ftp://ehr.example.org/fhir", true, "absolute http(s) URL")]
    [InlineData("https://ehr.example.org/fhir?tenant=1", true, "must not contain a query")]
    public void Validate_InsecureOrMalformedBaseUrl_IsRefused(string url, bool requireHttps, string message)
    {
        var options = ValidOptions();
        options.FhirBaseUrl = new Uri(url);
        options.RequireHttps = requireHttps;

        var result = s_validator.Validate(null, options);

        result.Failures.Should().Contain(f => f.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://localhost:5080/fhir")]
    [InlineData("http://127.0.0.1:5080/fhir")]
    [InlineData("http://[::1]:5080/fhir")]
    public void Validate_LoopbackHttpWithRequireHttpsOff_Succeeds(string url)
    {
        var options = ValidOptions();
        options.FhirBaseUrl = new Uri(url);
        options.RequireHttps = false;

        s_validator.Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_AccessTokenLongerThanAnHour_IsRefused()
    {
        var options = ValidOptions();
        options.Lifetimes.AccessToken = TimeSpan.FromHours(2);

        s_validator.Validate(null, options).Failures.Should().ContainSingle()
            .Which.Should().Contain("Smart:Lifetimes:AccessToken").And.Contain("TOKEN-9");
    }

    [Fact]
    public void Validate_InvalidScopeAndOrigin_AreRefused()
    {
        var options = ValidOptions();
        options.Discovery.ScopesSupported.Add("patient/Observation.sr");
        options.Cors.AdditionalAllowedOrigins.Add("https://app.example.org/");

        var failures = s_validator.Validate(null, options).Failures;

        failures.Should().HaveCount(2);
        failures.Should().Contain(f => f.Contains("'patient/Observation.sr', which is not a valid SMART scope", StringComparison.Ordinal));
        failures.Should().Contain(f => f.Contains("'https://app.example.org/', which is not an origin", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EndpointPathsClash_IsRefused()
    {
        var options = ValidOptions();
        options.Endpoints.TokenPath = options.Endpoints.AuthorizationPath;

        s_validator.Validate(null, options).Failures.Should().ContainSingle().Which.Should().Contain("every endpoint needs its own path");
    }
}
