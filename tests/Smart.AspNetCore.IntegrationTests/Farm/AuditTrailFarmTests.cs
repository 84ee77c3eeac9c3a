using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Farm;

/// <summary>SAMPLE-CONTRACT "Audit trail" in a farm: the AuditEvents live in the shared Redis, so every instance serves the same trail.</summary>
public class AuditTrailFarmTests(FarmFixture farm) : IClassFixture<FarmFixture>
{
    [Fact]
    public async Task AuditEvent_TokenIssuedOnOneInstance_IsServedByBoth()
    {
        using var flow = farm.NewFlow();
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync("launch/patient openid fhirUser patient/Patient.rs offline_access"));
        token.Status.Should().Be(HttpStatusCode.OK);
        var gid = Jwt.Payload(token["access_token"]!).GetProperty("gid").GetString()!;
        var backend = await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend), "system/AuditEvent.rs"));
        backend.Status.Should().Be(HttpStatusCode.OK);

        using var reader = new HttpClient { BaseAddress = new Uri(farm.BalancerUrl) };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", backend["access_token"]);
        var servedBy = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (servedBy.Count < 2)
        {
            using var response = await reader.GetAsync(new Uri("/fhir/AuditEvent?subtype=token-issued&patient=peds-001&_count=1000", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var bundle = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var matches = bundle.TryGetProperty("entry", out var entries) && entries.EnumerateArray().Count(e => e.GetProperty("resource").GetRawText().Contains(gid, StringComparison.Ordinal)) == 1;
            if (matches)
            {
                servedBy.Add(response.Headers.GetValues("X-Instance").Single());
            }
            else if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("The token-issued AuditEvent did not appear on both instances within 15 s.");
            }
            else
            {
                await Task.Delay(100);
            }
        }

        servedBy.Should().BeEquivalentTo(["A", "B"]);
    }
}
