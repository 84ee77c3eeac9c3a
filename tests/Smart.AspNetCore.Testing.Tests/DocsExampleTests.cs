using System.Net;

namespace Smart.AspNetCore.Testing.Tests;

/// <summary>The examples of docs/testing.md, verbatim: the kit's factory used directly on the sample's Program.</summary>
public sealed class DocsExampleTests(SmartWebApplicationFactory<Program> host) : IClassFixture<SmartWebApplicationFactory<Program>>
{
    [Fact] // RS-6
    public async Task Read_WithPatientScope_IsOk() =>
        await (await host.CreateClient().WithSmartToken("patient/Observation.rs", patient: "peds-001")
            .GetAsync(new Uri("/fhir/Observation?patient=peds-001", UriKind.Relative))).AssertStatusAsync(HttpStatusCode.OK);

    [Fact] // RS-5
    public async Task Read_OtherPatient_IsForbidden() =>
        (await host.CreateClient().WithSmartToken("patient/Patient.rs", patient: "peds-001").GetAsync(new Uri("/fhir/Patient/adult-002", UriKind.Relative)))
            .AssertBearerChallenge(HttpStatusCode.Forbidden, "insufficient_scope");
}
