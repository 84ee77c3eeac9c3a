using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// SAMPLE-CONTRACT "Audit trail": the sample records the library's audit events as FHIR AuditEvents and serves them at
/// <c>{fhir}/AuditEvent</c> to backend services holding <c>system/AuditEvent.rs</c>, newest first.
/// </summary>
[Collection(SampleEhrCollection.Name)]
public class AuditEventApiTests(SampleEhrFactory factory)
{
    private const string OfflineScope = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access";
    private const string LaunchScope = "launch openid fhirUser patient/Patient.rs patient/Observation.rs online_access";

    [Fact] // The "done means": one AuditEvent for each decision, naming app, user and patient.
    public async Task AuditEvent_AfterEachFlow_HoldsOneEventNamingAppUserAndPatient()
    {
        var since = "ge" + DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        using var flow = new SmartFlowClient(factory);

        // An EHR launch (clinician, peds-001).
        await flow.LoginAsync();
        var launched = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(LaunchScope, await flow.StartEhrLaunchAsync()));
        launched.Status.Should().Be(HttpStatusCode.OK);
        var launchGrant = Gid(launched);

        // A break-glass (clinician, adult-002).
        var reason = "Unresponsive in ED " + Guid.NewGuid().ToString("N");
        (await BreakGlassTests.EhrLaunchAsync(flow, "adult-002", reason)).Status.Should().Be(HttpStatusCode.OK);

        // A denied consent, a refresh reuse and a revocation (the patient user, peds-001).
        using var patient = new SmartFlowClient(factory);
        await patient.LoginAsync("patient", "patient");
        var redirect = await patient.FollowToAppAsync(await patient.AuthorizeAsync(patient.AuthorizeParameters("launch/patient openid fhirUser patient/Patient.rs")), decision: "deny");
        QueryHelpers.ParseQuery(redirect.Query)["error"].ToString().Should().Be("access_denied");
        var offline = await patient.ExchangeCodeAsync(await patient.AuthorizeCodeAsync(OfflineScope));
        var reuseGrant = Gid(offline);
        (await patient.RefreshAsync(offline["refresh_token"]!)).Status.Should().Be(HttpStatusCode.OK);
        var reuse = await patient.RefreshAsync(offline["refresh_token"]!);
        reuse.Status.Should().Be(HttpStatusCode.BadRequest);
        reuse.Error.Should().Be("invalid_grant");
        var revocable = await patient.ExchangeCodeAsync(await patient.AuthorizeCodeAsync(OfflineScope));
        var revokedGrant = Gid(revocable);
        using (var revoke = await RevocationTests.RevokeAsync(patient.App, new Dictionary<string, string> { ["token"] = revocable["refresh_token"]!, ["client_id"] = SmartFlowClient.GrowthChart }))
        {
            revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // A refused token request (an unknown code).
        var refused = await flow.ExchangeCodeAsync("not-a-code-" + Guid.NewGuid().ToString("N"));
        refused.Status.Should().Be(HttpStatusCode.BadRequest);
        refused.Error.Should().Be("invalid_grant");

        var backend = await BackendTokenAsync();
        var granted = await WaitForAsync(backend, "subtype=authorization-granted&date=" + since, e => HasGrant(e, launchGrant));
        var brokeGlass = await WaitForAsync(backend, "subtype=break-glass&patient=adult-002&date=" + since, e => Details(e).Contains(reason));
        var denied = await WaitForAsync(backend, "subtype=authorization-denied&patient=peds-001&date=" + since, e => (e.GetProperty("outcomeDesc").GetString() ?? string.Empty).StartsWith("SMART-AUTHZ-024", StringComparison.Ordinal));
        var reused = await WaitForAsync(backend, "subtype=refresh-reuse&date=" + since, e => HasGrant(e, reuseGrant));
        var revoked = await WaitForAsync(backend, "subtype=revocation&date=" + since, e => HasGrant(e, revokedGrant));
        var tokenRefused = await WaitForAsync(backend, "subtype=token-refused&agent=growth-chart&date=" + since, e => (e.GetProperty("outcomeDesc").GetString() ?? string.Empty).StartsWith("SMART-TOKEN-008", StringComparison.Ordinal));

        foreach (var (auditEvent, expectedPatient, success) in new[] { (granted, "peds-001", true), (brokeGlass, "adult-002", true), (denied, "peds-001", false), (reused, "peds-001", false), (revoked, "peds-001", true) })
        {
            auditEvent.GetProperty("resourceType").GetString().Should().Be("AuditEvent");
            App(auditEvent).Should().Be(SmartFlowClient.GrowthChart);
            User(auditEvent).Should().NotBeNullOrEmpty();
            PatientOf(auditEvent).Should().Be("Patient/" + expectedPatient);
            auditEvent.GetProperty("outcome").GetString().Should().Be(success ? "0" : "4");
        }

        // A refused token request names the app; no grant, so no user or patient is known.
        App(tokenRefused).Should().Be(SmartFlowClient.GrowthChart);
        tokenRefused.GetProperty("outcome").GetString().Should().Be("4");
        PatientOf(tokenRefused).Should().BeNull();
        brokeGlass.GetProperty("purposeOfEvent")[0].GetProperty("coding")[0].GetProperty("code").GetString().Should().Be("BTG");
        var serialized = JsonSerializer.Serialize(new[] { granted, brokeGlass, denied, reused, revoked, tokenRefused });
        serialized.Should().NotContain(launched["access_token"]!).And.NotContain(offline["refresh_token"]!).And.NotContain(revocable["refresh_token"]!);
    }

    [Fact]
    public async Task AuditEvent_SearchByPatientAgentDateAndCount_NewestFirst()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        (await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(OfflineScope))).Status.Should().Be(HttpStatusCode.OK);
        var backend = await BackendTokenAsync();
        await WaitForAsync(backend, "subtype=token-issued&patient=peds-001", _ => true);

        var all = await SearchAsync(backend, "patient=Patient/peds-001&agent=growth-chart");
        var recorded = Resources(all.Json).Select(e => DateTimeOffset.Parse(e.GetProperty("recorded").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        recorded.Should().NotBeEmpty().And.BeInDescendingOrder();
        Resources(all.Json).Should().OnlyContain(e => PatientOf(e) == "Patient/peds-001" && App(e) == SmartFlowClient.GrowthChart);

        var one = await SearchAsync(backend, "patient=peds-001&_count=1");
        one.Status.Should().Be(HttpStatusCode.OK);
        one.Json.GetProperty("type").GetString().Should().Be("searchset");
        Resources(one.Json).Should().ContainSingle();
        one.Json.GetProperty("total").GetInt32().Should().BeGreaterThanOrEqualTo(1);

        var future = await SearchAsync(backend, "patient=peds-001&date=gt" + DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Resources(future.Json).Should().BeEmpty();
        var otherPatient = await SearchAsync(backend, "patient=no-such-patient");
        Resources(otherPatient.Json).Should().BeEmpty();
    }

    [Fact]
    public async Task AuditEvent_MalformedDate_Is400OperationOutcome()
    {
        var result = await SearchAsync(await BackendTokenAsync(), "date=yesterday");

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Json.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
        result.Json.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("invalid");
    }

    [Fact] // Only backend services read the trail: a clinician's user/*.rs token is refused by the sample.
    public async Task AuditEvent_UserToken_Is403Forbidden()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync("openid fhirUser user/*.rs"));
        token.Status.Should().Be(HttpStatusCode.OK);

        var result = await SearchAsync(token["access_token"]!, string.Empty);

        result.Status.Should().Be(HttpStatusCode.Forbidden);
        result.Json.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
        result.Json.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("forbidden");
        result.Response.Headers.WwwAuthenticate.Should().BeEmpty("the library permitted the request; the sample refused it");
    }

    [Fact] // A backend token without an AuditEvent scope is refused by the library's resource server.
    public async Task AuditEvent_BackendTokenWithoutAuditScope_Is403InsufficientScope()
    {
        using var flow = new SmartFlowClient(factory);
        var token = await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend), "system/Patient.rs"));

        var result = await SearchAsync(token["access_token"]!, string.Empty);

        result.Status.Should().Be(HttpStatusCode.Forbidden);
        result.Response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"insufficient_scope\"");
    }

    [Fact]
    public async Task Metadata_ListsAuditEventSearchWithItsParameters()
    {
        using var client = factory.CreateClient();

        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/fhir/metadata", UriKind.Relative))).RootElement;

        var auditEvent = json.GetProperty("rest")[0].GetProperty("resource").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "AuditEvent");
        auditEvent.GetProperty("interaction").EnumerateArray().Select(i => i.GetProperty("code").GetString()).Should().Equal("search-type");
        auditEvent.GetProperty("searchParam").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Equal("patient", "agent", "date", "subtype", "_count");
    }

    private async Task<string> BackendTokenAsync()
    {
        using var flow = new SmartFlowClient(factory);
        var token = await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend), "system/AuditEvent.rs"));
        token.Status.Should().Be(HttpStatusCode.OK);
        token["scope"].Should().Be("system/AuditEvent.rs");
        return token["access_token"]!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> SearchAsync(string token, string query)
    {
        using var client = factory.CreateClient();
        return await BackendServicesTests.GetAsync(client, "/fhir/AuditEvent" + (query.Length > 0 ? "?" + query : string.Empty), token);
    }

    /// <summary>Audit events are delivered off the request path: poll the API until one matches (10 s at most).</summary>
    private async Task<JsonElement> WaitForAsync(string token, string query, Func<JsonElement, bool> predicate)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var result = await SearchAsync(token, query + "&_count=1000");
            result.Status.Should().Be(HttpStatusCode.OK);
            if (Resources(result.Json).FirstOrDefault(predicate) is { ValueKind: JsonValueKind.Object } match)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"No AuditEvent matched '{query}' within 10 s.");
            }

            await Task.Delay(50);
        }
    }

    private static IEnumerable<JsonElement> Resources(JsonElement bundle) =>
        bundle.TryGetProperty("entry", out var entries) ? entries.EnumerateArray().Select(e => e.GetProperty("resource")) : [];

    private static string Gid(TokenResult token) => Jwt.Payload(token["access_token"]!).GetProperty("gid").GetString()!;

    private static JsonElement[] Items(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? [.. value.EnumerateArray()] : [];

    private static string? Identifier(JsonElement reference, string system) =>
        reference.TryGetProperty("identifier", out var id) && id.TryGetProperty("system", out var s) && s.GetString() == system ? id.GetProperty("value").GetString() : null;

    private static string? App(JsonElement e) =>
        Items(e, "agent").Select(a => a.TryGetProperty("who", out var who) ? Identifier(who, "urn:smart-aspnetcore:client-id") : null).FirstOrDefault(v => v is not null);

    private static string? User(JsonElement e) =>
        Items(e, "agent").Select(a => a.TryGetProperty("who", out var who) ? Identifier(who, "urn:smart-aspnetcore:user") : null).FirstOrDefault(v => v is not null);

    private static string? PatientOf(JsonElement e) =>
        Items(e, "entity").Select(x => x.TryGetProperty("what", out var what) && what.TryGetProperty("reference", out var r) ? r.GetString() : null)
            .FirstOrDefault(r => r?.StartsWith("Patient/", StringComparison.Ordinal) == true);

    private static bool HasGrant(JsonElement e, string gid) =>
        Items(e, "entity").Any(x => x.TryGetProperty("what", out var what) && Identifier(what, "urn:smart-aspnetcore:grant-id-hash") == gid);

    private static string Details(JsonElement e) =>
        string.Join("\n", Items(e, "entity").SelectMany(x => Items(x, "detail")).Select(d => d.TryGetProperty("valueString", out var v) ? v.GetString() : null));
}
