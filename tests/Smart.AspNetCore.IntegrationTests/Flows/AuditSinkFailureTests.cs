using System.Diagnostics;
using System.Net;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>A sink that throws and one that hangs (ahead of the recording sink) change no response and slow no request.</summary>
public class AuditSinkFailureTests(FailingAuditSinkSampleEhrFactory factory) : IClassFixture<FailingAuditSinkSampleEhrFactory>
{
    private const string Scope = "launch openid fhirUser patient/Patient.rs patient/Observation.rs online_access";

    [Fact]
    public async Task Flows_WithThrowingAndHangingSinks_AnswerAsWithoutThem()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync();
        var elapsed = Stopwatch.StartNew();

        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope, launch));
        using var read = await AuditTrailTests.GetFhirAsync(flow, "/fhir/Patient/peds-001", token["access_token"]!);
        using var refused = await AuditTrailTests.GetFhirAsync(flow, "/fhir/Encounter?patient=peds-001", token["access_token"]!);
        var replay = await flow.ExchangeCodeAsync("unknown-" + Guid.NewGuid().ToString("N"));
        elapsed.Stop();

        token.Status.Should().Be(HttpStatusCode.OK);
        token["access_token"].Should().NotBeNullOrEmpty();
        token["patient"].Should().Be("peds-001");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        replay.Status.Should().Be(HttpStatusCode.BadRequest);
        replay.Error.Should().Be("invalid_grant");

        // Each of these requests raised events; the hanging sink (1 s timeout per event) would have cost over 6 s on the request path.
        elapsed.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));

        // The recording sink, registered after the failing ones, still receives the events in order.
        var refusal = await factory.Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.TokenRefused && e.ErrorId == "SMART-TOKEN-008");
        refusal.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        factory.Audit.Events.Select(e => e.Kind).Should().ContainInOrder(
            SmartAuditEventKind.AuthorizationGranted,
            SmartAuditEventKind.CodeIssued,
            SmartAuditEventKind.TokenIssued,
            SmartAuditEventKind.AccessPermitted,
            SmartAuditEventKind.AccessRefused,
            SmartAuditEventKind.TokenRefused);
    }
}
