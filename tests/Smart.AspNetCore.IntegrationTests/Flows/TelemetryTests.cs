using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>The meter and activity source <c>Smart.AspNetCore</c> through the sample's real pipeline.</summary>
public class TelemetryTests(AuditSampleEhrFactory factory) : IClassFixture<AuditSampleEhrFactory>
{
    private const string Meter = "Smart.AspNetCore";
    private const string OfflineScope = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access";

    [Fact]
    public async Task Flows_RecordCountersHistogramsAndSpans_WithoutPatientOrTokenTags()
    {
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        using var issued = new MetricCollector<long>(meters, Meter, "smart.token.issued");
        using var refused = new MetricCollector<long>(meters, Meter, "smart.token.refused");
        using var reused = new MetricCollector<long>(meters, Meter, "smart.refresh_token.reused");
        using var revocations = new MetricCollector<long>(meters, Meter, "smart.revocation");
        using var decisions = new MetricCollector<long>(meters, Meter, "smart.resource_server.decisions");
        using var tokenDuration = new MetricCollector<double>(meters, Meter, "smart.token.duration");
        using var authorizeDuration = new MetricCollector<double>(meters, Meter, "smart.authorize.duration");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Meter,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(OfflineScope));
        var rotated = await flow.RefreshAsync(token["refresh_token"]!);
        var reuse = await flow.RefreshAsync(token["refresh_token"]!);
        using var read = await AuditTrailTests.GetFhirAsync(flow, "/fhir/Patient/peds-001", rotated["access_token"]!);
        using var revoke = await RevocationTests.RevokeAsync(flow.App, new Dictionary<string, string> { ["token"] = rotated["refresh_token"]!, ["client_id"] = SmartFlowClient.GrowthChart });

        token.Status.Should().Be(HttpStatusCode.OK);
        rotated.Status.Should().Be(HttpStatusCode.OK);
        reuse.Error.Should().Be("invalid_grant");
        read.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the reuse revoked the whole family, so the rotated access token is denied too");
        revoke.StatusCode.Should().Be(HttpStatusCode.OK);

        issued.GetMeasurementSnapshot().Select(m => m.Tags["smart.grant_type"]).Should().Contain(["authorization_code", "refresh_token"]);
        refused.GetMeasurementSnapshot().Should().Contain(m => Equals(m.Tags["error.type"], "SMART-TOKEN-014") && Equals(m.Tags["smart.grant_type"], "refresh_token"));
        reused.GetMeasurementSnapshot().Should().Contain(m => Equals(m.Tags["smart.reuse.kind"], "refresh-reuse"));
        revocations.GetMeasurementSnapshot().Should().Contain(m => Equals(m.Tags["smart.outcome"], "success"));
        decisions.GetMeasurementSnapshot().Should().Contain(m => Equals(m.Tags["smart.decision"], "refused") && Equals(m.Tags["error.type"], "SMART-RS-006"));
        tokenDuration.GetMeasurementSnapshot().Should().Contain(m => m.Value > 0 && Equals(m.Tags["http.response.status_code"], 200) && Equals(m.Tags["smart.grant_type"], "authorization_code"));
        authorizeDuration.GetMeasurementSnapshot().Should().NotBeEmpty();

        spans.Select(s => s.OperationName).Should().Contain(["smart.client.authenticate", "smart.token.sign", "smart.store.redeem_code", "smart.store.redeem_refresh_token"]);

        var tagValues = new[] { issued, refused, reused, revocations, decisions }
            .SelectMany(c => c.GetMeasurementSnapshot())
            .SelectMany(m => m.Tags.Values)
            .Concat(spans.SelectMany(s => s.TagObjects.Select(t => t.Value)))
            .Select(v => v?.ToString() ?? string.Empty)
            .ToList();
        tagValues.Should().NotContain(v => v.Contains("peds-001") || v == token["access_token"] || v == token["refresh_token"]);
    }

    [Fact] // Issue 14: the host's validated-token cache publishes its counters on the library's meter.
    public async Task ProtectedReads_TokenCacheMetrics_CountTheMissAndTheHits()
    {
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        using var hits = new MetricCollector<long>(meters, Meter, "smart.token_cache.hits");
        using var misses = new MetricCollector<long>(meters, Meter, "smart.token_cache.misses");
        using var entries = new MetricCollector<long>(meters, Meter, "smart.token_cache.entries");
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(OfflineScope));
        RecordAll(hits, misses, entries);
        var (hitsBefore, missesBefore) = (hits.LastMeasurement?.Value ?? 0, misses.LastMeasurement?.Value ?? 0);

        for (var i = 0; i < 3; i++)
        {
            using var read = await AuditTrailTests.GetFhirAsync(flow, "/fhir/Patient/peds-001", token["access_token"]!);
            read.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        RecordAll(hits, misses, entries);
        (misses.LastMeasurement!.Value - missesBefore).Should().Be(1, "the first read validates the new token in full");
        (hits.LastMeasurement!.Value - hitsBefore).Should().Be(2, "the next two are answered from the cache");
        entries.LastMeasurement!.Value.Should().BeGreaterThanOrEqualTo(1);
    }

    private static void RecordAll(params MetricCollector<long>[] collectors)
    {
        foreach (var collector in collectors)
        {
            collector.RecordObservableInstruments();
        }
    }
}
