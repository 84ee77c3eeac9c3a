using Microsoft.AspNetCore.Routing.Patterns;
using Smart.AspNetCore.ResourceServer;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>Which FHIR routes fit the path of <c>Smart:FhirBaseUrl</c> (the start-up warning of <see cref="FhirBasePathCheck"/>).</summary>
public sealed class FhirBasePathCheckTests
{
    [Theory]
    [InlineData("/fhir/{type}/{id}", "/fhir")]
    [InlineData("/fhir/{type}", "/fhir")]
    [InlineData("/fhir", "/fhir")]
    [InlineData("/fhir/Patient/{id}", "/fhir")]
    [InlineData("/FHIR/Observation", "/fhir")]
    [InlineData("/fhir/metadata", "/fhir")]
    [InlineData("/fhir/$export", "/fhir")]
    [InlineData("/fhir/_history", "/fhir")]
    [InlineData("/r4/fhir/{type}/{id}", "/r4/fhir")]
    [InlineData("/fhir/{type}/{id}", "/ehr/fhir")]   // the host's PathBase is /ehr
    [InlineData("/{type}/{id}", "")]
    [InlineData("/Patient/{id}", "")]
    [InlineData("/{**path}", "/fhir")]
    public void Fits_RouteUnderBasePath_IsTrue(string route, string basePath) =>
        FhirBasePathCheck.Fits(RoutePatternFactory.Parse(route).PathSegments, basePath.Split('/', StringSplitOptions.RemoveEmptyEntries)).Should().BeTrue();

    [Theory]
    [InlineData("/fhir/fhir/{type}/{id}", "/fhir")]     // the docs' old MapFhirApi() snippet inside a /fhir group
    [InlineData("/api/{type}/{id}", "/fhir")]
    [InlineData("/Patient/{id}", "/fhir")]
    [InlineData("/r4/{type}", "/fhir")]
    [InlineData("/fhir/v1/{type}", "/fhir")]
    [InlineData("/fhir/{type}", "/ehr/r4")]
    [InlineData("/api/{type}", "")]
    public void Fits_RouteOutsideBasePath_IsFalse(string route, string basePath) =>
        FhirBasePathCheck.Fits(RoutePatternFactory.Parse(route).PathSegments, basePath.Split('/', StringSplitOptions.RemoveEmptyEntries)).Should().BeFalse();
}
