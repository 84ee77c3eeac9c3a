using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>The audit events each flow records, delivered to a registered sink through the sample's real pipeline.</summary>
public class AuditTrailTests(AuditSampleEhrFactory factory) : IClassFixture<AuditSampleEhrFactory>
{
    private const string LaunchScope = "launch openid fhirUser patient/Patient.rs patient/Observation.rs online_access";
    private const string OfflineScope = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access";

    private const string CorrelationHeader = AuditSampleEhrFactory.CorrelationHeader;

    private RecordingAuditSink Audit => factory.Audit;

    [Fact]
    public async Task EhrLaunch_Granted_RecordsGrantCodeTokenAndAccesses()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync();
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(LaunchScope, launch));
        token.Status.Should().Be(HttpStatusCode.OK);
        var issued = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.TokenIssued && Issued(e, token));
        issued.GrantType.Should().Be("authorization_code");
        issued.Scopes.Should().Be(token["scope"]);
        issued.Timestamp.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        var granted = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.AuthorizationGranted && e.GrantIdHash == issued.GrantIdHash);
        var code = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.CodeIssued && e.GrantIdHash == issued.GrantIdHash);

        foreach (var auditEvent in new[] { granted, code, issued })
        {
            auditEvent.Outcome.Should().Be(SmartAuditOutcome.Success);
            auditEvent.ClientId.Should().Be(SmartFlowClient.GrowthChart);
            auditEvent.UserId.Should().NotBeNullOrEmpty().And.Be(granted.UserId);
            auditEvent.PatientId.Should().Be("peds-001");
            auditEvent.GrantIdHash.Should().HaveLength(43);
            auditEvent.CorrelationId.Should().NotBeNullOrEmpty();
            auditEvent.Code.Should().Be(SmartAuditEventCodes.For(auditEvent.Kind));
        }

        granted.Code.Should().Be("authorization-granted");
        issued.Code.Should().Be("token-issued");

        // Permitted (opted in by this host) and refused resource-server accesses.
        using var read = await GetFhirAsync(flow, "/fhir/Patient/peds-001", token["access_token"]!);
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        using var refused = await GetFhirAsync(flow, "/fhir/Encounter?patient=peds-001", token["access_token"]!);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var permitted = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.AccessPermitted && e.ResourceType == "Patient" && e.CorrelationId == Correlation(read));
        permitted.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        permitted.Interaction.Should().Be("read");
        permitted.PatientId.Should().Be("peds-001");
        var denied = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.AccessRefused && e.ResourceType == "Encounter" && e.UserId == granted.UserId && e.Scopes == token["scope"]);
        denied.Outcome.Should().Be(SmartAuditOutcome.Failure);
        denied.Code.Should().Be("access-refused");
        denied.ErrorId.Should().Be("SMART-RS-008");
        denied.Interaction.Should().Be("search-type");
        denied.UserId.Should().Be(granted.UserId);
    }

    [Fact]
    public async Task Consent_DeniedByUser_RecordsAuthorizationDeniedWithUserAndPatient()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var parameters = flow.AuthorizeParameters("launch/patient openid fhirUser patient/Patient.rs");

        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(parameters), decision: "deny");
        QueryHelpers.ParseQuery(redirect.Query)["error"].ToString().Should().Be("access_denied");

        var denied = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.AuthorizationDenied && e.ErrorId == "SMART-AUTHZ-024" && e.Scopes == parameters["scope"]);
        denied.Outcome.Should().Be(SmartAuditOutcome.Failure);
        denied.Code.Should().Be("authorization-denied");
        denied.Error.Should().Be("access_denied");
        denied.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        denied.UserId.Should().NotBeNullOrEmpty();
        denied.PatientId.Should().Be("peds-001");
    }

    [Fact] // SAMPLE-CONTRACT "Sensitive data and breaking the glass": recorded with user, app, patient and reason.
    public async Task BreakGlass_ClinicianWithReason_RecordsBreakGlassWithReasonAndPatient()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();

        var token = await BreakGlassTests.EhrLaunchAsync(flow, "adult-002", "Patient unresponsive in ED; safety check");
        token.Status.Should().Be(HttpStatusCode.OK);

        var broke = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.BreakGlass && e.PatientId == "adult-002");
        broke.Outcome.Should().Be(SmartAuditOutcome.Success);
        broke.Code.Should().Be("break-glass");
        broke.BreakGlassReason.Should().Be("Patient unresponsive in ED; safety check");
        broke.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        broke.UserId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Authorize_RefusedByPolicy_RecordsAuthorizationDeniedWithErrorId()
    {
        using var flow = new SmartFlowClient(factory);
        var parameters = flow.AuthorizeParameters("openid patient/Patient.rs");
        parameters["aud"] = "https://elsewhere.example.org/fhir";

        using var response = await flow.AuthorizeAsync(parameters);
        response.StatusCode.Should().Be(HttpStatusCode.Found);
        QueryHelpers.ParseQuery(response.Headers.Location!.Query)["error"].ToString().Should().Be("invalid_request");

        var denied = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.AuthorizationDenied && e.ErrorId == "SMART-AUTHZ-012" && e.Scopes == parameters["scope"]);
        denied.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        denied.UserId.Should().BeNull();
    }

    [Fact]
    public async Task Token_Refused_RecordsTokenRefusedPerGrantType()
    {
        using var flow = new SmartFlowClient(factory);
        var verifier = "v-" + Guid.NewGuid().ToString("N");

        var result = await flow.ExchangeCodeAsync("not-a-code-" + Guid.NewGuid().ToString("N"), verifier);

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_grant");
        var refused = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.TokenRefused && e.ErrorId == "SMART-TOKEN-008" && e.CorrelationId == Correlation(result));
        refused.Outcome.Should().Be(SmartAuditOutcome.Failure);
        refused.Code.Should().Be("token-refused");
        refused.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        refused.GrantType.Should().Be("authorization_code");
        refused.Error.Should().Be("invalid_grant");
    }

    [Fact]
    public async Task RefreshReuse_RevokesFamily_RecordsRefreshReuse()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(OfflineScope));
        var first = await flow.RefreshAsync(token["refresh_token"]!);
        first.Status.Should().Be(HttpStatusCode.OK);

        var reuse = await flow.RefreshAsync(token["refresh_token"]!);

        reuse.Status.Should().Be(HttpStatusCode.BadRequest);
        reuse.Error.Should().Be("invalid_grant");
        var issued = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.TokenIssued && e.GrantType == "refresh_token" && Issued(e, first));
        var reused = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.RefreshReuse && e.GrantIdHash == issued.GrantIdHash);
        reused.Code.Should().Be("refresh-reuse");
        reused.Outcome.Should().Be(SmartAuditOutcome.Failure);
        reused.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        reused.UserId.Should().Be(issued.UserId);
        reused.PatientId.Should().Be("peds-001");
        var refused = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.TokenRefused && e.CorrelationId == Correlation(reuse));
        refused.GrantType.Should().Be("refresh_token");
        refused.ErrorId.Should().Be("SMART-TOKEN-014");
    }

    [Fact]
    public async Task Revocation_RefreshToken_RecordsRevocationOfTheGrant()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(OfflineScope));
        var issued = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.TokenIssued && Issued(e, token));

        using var response = await RevocationTests.RevokeAsync(flow.App, new Dictionary<string, string> { ["token"] = token["refresh_token"]!, ["client_id"] = SmartFlowClient.GrowthChart });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var revoked = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.Revocation && e.GrantIdHash == issued.GrantIdHash);
        revoked.Code.Should().Be("revocation");
        revoked.Outcome.Should().Be(SmartAuditOutcome.Success);
        revoked.ClientId.Should().Be(SmartFlowClient.GrowthChart);
        revoked.UserId.Should().Be(issued.UserId);
        revoked.PatientId.Should().Be("peds-001");
    }

    [Fact]
    public async Task ResourceServer_InvalidToken_RecordsAccessRefusedWithErrorId()
    {
        using var flow = new SmartFlowClient(factory);

        using var response = await GetFhirAsync(flow, "/fhir/Observation?patient=peds-001", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var refused = await Audit.WaitForAsync(e => e.Kind == SmartAuditEventKind.AccessRefused && e.ErrorId == "SMART-RS-007" && e.ResourceType == "Observation");
        refused.Error.Should().Be("invalid_token");
        refused.ClientId.Should().BeNull();
    }

    /// <summary>The event's grant hash is the access token's <c>gid</c>, and the event came from this token response.</summary>
    private static bool Issued(SmartAuditEvent e, TokenResult token) =>
        e.GrantIdHash == Jwt.Payload(token["access_token"]!).GetProperty("gid").GetString() && e.CorrelationId == Correlation(token);

    private static string? Correlation(TokenResult result) => result.Headers.TryGetValues(CorrelationHeader, out var values) ? values.Single() : null;

    private static string? Correlation(HttpResponseMessage response) => response.Headers.TryGetValues(CorrelationHeader, out var values) ? values.Single() : null;

    internal static async Task<HttpResponseMessage> GetFhirAsync(SmartFlowClient flow, string path, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        return await flow.App.SendAsync(request);
    }
}
