using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>The host hooks of <c>SmartOnFhirEvents</c> after token issuance, on token refusal and at the resource server's decision.</summary>
public class EventHooksTests(HookSampleEhrFactory factory) : IClassFixture<HookSampleEhrFactory>
{
    private const string Scope = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access";

    [Fact]
    public async Task TokenIssued_CodeExchange_HookSeesClientGrantTypeScopeAndGrantHash()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");

        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope));

        token.Status.Should().Be(HttpStatusCode.OK);
        var gid = Jwt.Payload(token["access_token"]!).GetProperty("gid").GetString();
        var issued = await WaitForAsync(() => factory.Issued.Select(i => i.Context).FirstOrDefault(c => c.GrantIdHash == gid));
        issued.Client.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        issued.GrantType.Should().Be("authorization_code");
        issued.Scope.Should().Be(token["scope"]);
        issued.Grant.LaunchContext!.Patient.Should().Be("peds-001");
    }

    [Fact]
    public async Task TokenRequestRefused_UnknownCode_HookSeesErrorAndResponseIsUnchanged()
    {
        using var flow = new SmartFlowClient(factory);
        var code = "not-a-code-" + Guid.NewGuid().ToString("N");

        var result = await flow.ExchangeCodeAsync(code);

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_grant");
        var correlation = result.Headers.GetValues(AuditSampleEhrFactory.CorrelationHeader).Single();
        var refused = await WaitForAsync(() => factory.Refused.FirstOrDefault(r => r.TraceId == correlation).Context);
        refused.Error.Should().Be("invalid_grant");
        refused.ErrorId.Should().Be("SMART-TOKEN-008");
        refused.Client!.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        refused.GrantType.Should().Be("authorization_code");
        refused.ErrorDescription.Should().Be(result["error_description"]);
    }

    [Fact]
    public async Task TokenRequestRefused_UnknownClient_HookSeesNoClient()
    {
        using var flow = new SmartFlowClient(factory);

        var result = await flow.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "x", ["client_id"] = "no-such-client-" + Guid.NewGuid().ToString("N") });

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_client");
        var correlation = result.Headers.GetValues(AuditSampleEhrFactory.CorrelationHeader).Single();
        var refused = await WaitForAsync(() => factory.Refused.FirstOrDefault(r => r.TraceId == correlation).Context);
        refused.Client.Should().BeNull();
        refused.Error.Should().Be("invalid_client");
    }

    [Fact]
    public async Task AccessDecision_PermittedRead_HookObservesTheDecision()
    {
        var (flow, token) = await TokenAsync();
        using var _ = flow;

        using var response = await GetAsync(flow, "/fhir/Patient/peds-001", token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var decision = factory.Decisions.Single(d => d.TraceId == Correlation(response)).Context;
        decision.IsAllowed.Should().BeTrue();
        decision.Interaction.Should().Be("read");
        decision.ResourceType.Should().Be("Patient");
        decision.ResourceId.Should().Be("peds-001");
        decision.Patient.Should().Be("peds-001");
        decision.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        decision.Scopes.Contains("patient/Patient.rs").Should().BeTrue();
    }

    [Fact]
    public async Task AccessDecision_RefusedByScopes_HookSeesTheRefusal()
    {
        var (flow, token) = await TokenAsync();
        using var _ = flow;

        using var response = await GetAsync(flow, "/fhir/Encounter?patient=peds-001", token);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var decision = factory.Decisions.Single(d => d.TraceId == Correlation(response)).Context;
        decision.IsAllowed.Should().BeFalse();
        decision.Interaction.Should().Be("search-type");
        decision.DenialReason.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task AccessDecision_HostDenies_Answers403InsufficientScopeAndAuditsTheReason()
    {
        var (flow, token) = await TokenAsync();
        using var _ = flow;
        const string Reason = "Host policy: this app may not read charts after hours.";

        using var response = await GetAsync(flow, "/fhir/Patient/peds-001", token, Reason);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"insufficient_scope\"");
        var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        outcome.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
        outcome.GetRawText().Should().Contain(Reason);
        var refused = await factory.Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.AccessRefused && e.CorrelationId == Correlation(response));
        refused.Detail.Should().Be(Reason);
        refused.ErrorId.Should().Be("SMART-RS-008");
        factory.Audit.Events.Should().NotContain(e => e.Kind == SmartAuditEventKind.AccessPermitted && e.CorrelationId == Correlation(response));
    }

    private async Task<(SmartFlowClient Flow, string Token)> TokenAsync()
    {
        var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Scope));
        token.Status.Should().Be(HttpStatusCode.OK);
        return (flow, token["access_token"]!);
    }

    private static async Task<HttpResponseMessage> GetAsync(SmartFlowClient flow, string path, string token, string? deny = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (deny is not null)
        {
            request.Headers.Add(HookSampleEhrFactory.DenyHeader, deny);
        }

        return await flow.App.SendAsync(request);
    }

    private static string Correlation(HttpResponseMessage response) => response.Headers.GetValues(AuditSampleEhrFactory.CorrelationHeader).Single();

    /// <summary>The token hooks run after the response is written: wait for them (5 s at most).</summary>
    private static async Task<T> WaitForAsync<T>(Func<T?> find)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("The hook was not called within 5 s.");
            }

            await Task.Delay(20);
        }
    }
}
