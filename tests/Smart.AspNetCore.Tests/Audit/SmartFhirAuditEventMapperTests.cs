using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Smart.AspNetCore.Audit;

namespace Smart.AspNetCore.Tests.Audit;

/// <summary>The FHIR R4 AuditEvent mapping (BALP-shaped), validated with Firely's validator against the R4 spec.</summary>
public class SmartFhirAuditEventMapperTests(R4Validator validator) : IClassFixture<R4Validator>
{
    private const string Observer = "https://ehr.example.org/fhir";
    private static readonly DateTimeOffset At = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    public static TheoryData<SmartAuditEventKind> Kinds()
    {
        var data = new TheoryData<SmartAuditEventKind>();
        foreach (var kind in Enum.GetValues<SmartAuditEventKind>())
        {
            data.Add(kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ToAuditEvent_EveryKind_IsValidR4AndCarriesItsSubtypeCode(SmartAuditEventKind kind)
    {
        var outcome = kind is SmartAuditEventKind.AuthorizationDenied or SmartAuditEventKind.TokenRefused or SmartAuditEventKind.RefreshReuse
            or SmartAuditEventKind.CodeReplay or SmartAuditEventKind.AccessRefused ? SmartAuditOutcome.Failure : SmartAuditOutcome.Success;
        var auditEvent = Full(kind, outcome);

        var resource = SmartFhirAuditEventMapper.ToAuditEvent(auditEvent, Observer);

        validator.Errors(resource).Should().BeEmpty();
        resource.Subtype.Should().Contain(c => c.System == SmartAuditEventCodes.System && c.Code == SmartAuditEventCodes.For(kind));
        resource.Outcome.Should().Be(outcome == SmartAuditOutcome.Success ? AuditEvent.AuditEventOutcome.N0 : AuditEvent.AuditEventOutcome.N4);
        resource.Recorded.Should().Be(At);
        resource.Source!.Observer!.Display.Should().Be(Observer);
    }

    [Fact]
    public void ToAuditEvent_TokenIssued_NamesAppUserAndPatient()
    {
        var resource = SmartFhirAuditEventMapper.ToAuditEvent(Full(SmartAuditEventKind.TokenIssued, SmartAuditOutcome.Success), Observer);

        resource.Type!.Code.Should().Be("110114");
        resource.Action.Should().Be(AuditEvent.AuditEventAction.E);
        var app = resource.Agent.Should().ContainSingle(a => a.Type!.Coding[0].Code == "110150").Subject;
        app.Who!.Identifier!.System.Should().Be(SmartFhirAuditEventMapper.ClientIdSystem);
        app.Who!.Identifier!.Value.Should().Be("growth-chart");
        app.Requestor.Should().BeFalse();
        var user = resource.Agent.Should().ContainSingle(a => a.Type!.Coding[0].Code == "humanuser").Subject;
        user.Who!.Reference.Should().Be("Practitioner/prac-001");
        user.Who!.Identifier!.Value.Should().Be("clinician");
        user.Requestor.Should().BeTrue();
        user.Network!.Address.Should().Be("127.0.0.1");
        var patient = resource.Entity.Should().ContainSingle(e => e.Role != null && e.Role.Code == "1").Subject;
        patient.What!.Reference.Should().Be("Patient/peds-001");
        patient.Type!.Code.Should().Be("1");
        var grant = resource.Entity.Should().ContainSingle(e => e.What != null && e.What.Identifier != null).Subject;
        grant.What!.Identifier!.System.Should().Be(SmartFhirAuditEventMapper.GrantIdHashSystem);
        grant.Detail.Should().Contain(d => d.Type == "scope" && ((FhirString)d.Value).Value == "launch patient/Observation.rs");
        grant.Detail.Should().Contain(d => d.Type == "grant_type" && ((FhirString)d.Value).Value == "authorization_code");
    }

    [Fact]
    public void ToAuditEvent_RefusedWithoutClient_HasOneUnauthenticatedAgentAndTheErrorId()
    {
        var auditEvent = new SmartAuditEvent(SmartAuditEventKind.TokenRefused, SmartAuditOutcome.Failure)
        {
            Timestamp = At,
            GrantType = "authorization_code",
            ErrorId = "SMART-TOKEN-014",
            Error = "invalid_client",
            RemoteAddress = "10.0.0.7",
        };

        var resource = SmartFhirAuditEventMapper.ToAuditEvent(auditEvent, Observer);

        validator.Errors(resource).Should().BeEmpty();
        resource.Agent.Should().ContainSingle().Which.Network!.Address.Should().Be("10.0.0.7");
        resource.Agent[0].Requestor.Should().BeTrue();
        resource.OutcomeDesc.Should().Be("SMART-TOKEN-014 invalid_client");
        resource.Entity.Should().NotContain(e => e.Role != null && e.Role.Code == "1");
    }

    [Fact]
    public void ToAuditEvent_BackendService_AppIsTheRequestorAndNoUserAgent()
    {
        var auditEvent = new SmartAuditEvent(SmartAuditEventKind.TokenIssued, SmartAuditOutcome.Success)
        {
            Timestamp = At,
            ClientId = "backend-service",
            UserId = "backend-service",
            Scopes = "system/AuditEvent.rs",
            GrantType = "client_credentials",
        };

        var resource = SmartFhirAuditEventMapper.ToAuditEvent(auditEvent, Observer);

        validator.Errors(resource).Should().BeEmpty();
        resource.Agent.Should().ContainSingle().Which.Requestor.Should().BeTrue();
    }

    [Fact]
    public void ToAuditEvent_BreakGlass_IsASecurityAlertWithTheReasonAndPurposeBtg()
    {
        var resource = SmartFhirAuditEventMapper.ToAuditEvent(Full(SmartAuditEventKind.BreakGlass, SmartAuditOutcome.Success), Observer);

        resource.Type!.Code.Should().Be("110113");
        resource.PurposeOfEvent.Should().ContainSingle().Which.Coding[0].Code.Should().Be("BTG");
        resource.Agent.Should().Contain(a => a.PurposeOfUse.Any(p => p.Coding[0].Code == "BTG"));
        resource.Entity.SelectMany(e => e.Detail).Should().Contain(d => d.Type == "break_glass_reason" && ((FhirString)d.Value).Value == "unconscious patient in ED");
    }

    [Theory]
    [InlineData("read", AuditEvent.AuditEventAction.R)]
    [InlineData("search-type", AuditEvent.AuditEventAction.R)]
    [InlineData("create", AuditEvent.AuditEventAction.C)]
    [InlineData("update", AuditEvent.AuditEventAction.U)]
    [InlineData("delete", AuditEvent.AuditEventAction.D)]
    [InlineData("operation", AuditEvent.AuditEventAction.E)]
    public void ToAuditEvent_AccessRefused_IsARestEventWithTheInteractionAndResourceType(string interaction, AuditEvent.AuditEventAction action)
    {
        var auditEvent = new SmartAuditEvent(SmartAuditEventKind.AccessRefused, SmartAuditOutcome.Failure)
        {
            Timestamp = At,
            ClientId = "growth-chart",
            UserId = "clinician",
            PatientId = "peds-001",
            Interaction = interaction,
            ResourceType = "Observation",
            ErrorId = "SMART-RS-008",
            Error = "insufficient_scope",
        };

        var resource = SmartFhirAuditEventMapper.ToAuditEvent(auditEvent, Observer);

        validator.Errors(resource).Should().BeEmpty();
        resource.Type!.Code.Should().Be("rest");
        resource.Subtype.Should().Contain(c => c.System == "http://hl7.org/fhir/restful-interaction" && c.Code == interaction);
        resource.Action.Should().Be(action);
        resource.Entity.Should().Contain(e => e.Type != null && e.Type.System == "http://hl7.org/fhir/resource-types" && e.Type.Code == "Observation");
    }

    [Fact]
    public void ToAuditEvent_Json_HoldsNoValueTheEventDoesNotHave()
    {
        var auditEvent = new SmartAuditEvent(SmartAuditEventKind.CodeIssued, SmartAuditOutcome.Success) { Timestamp = At, ClientId = "growth-chart" };

        var json = new FhirJsonSerializer().SerializeToString(SmartFhirAuditEventMapper.ToAuditEvent(auditEvent, Observer));

        json.Should().NotContainAny("Patient/", "detail", "purposeOfEvent");
    }

    [Fact]
    public void Validator_AuditEventWithoutAgentAndSource_ReportsErrors()
    {
        // The validator is the test's oracle: it must reject what R4 rejects (agent 1..*, source 1..1).
        var resource = new AuditEvent { Type = new Coding("http://dicom.nema.org/resources/ontology/DCM", "110114"), Recorded = At };

        validator.Errors(resource).Should().NotBeEmpty();
    }

    private static SmartAuditEvent Full(SmartAuditEventKind kind, SmartAuditOutcome outcome) => new(kind, outcome)
    {
        Timestamp = At,
        ClientId = "growth-chart",
        UserId = "clinician",
        FhirUser = "Practitioner/prac-001",
        PatientId = "peds-001",
        Scopes = "launch patient/Observation.rs",
        GrantType = "authorization_code",
        GrantIdHash = "Yw3NKWbEM2aRElRIu7JbT_QSpJxzLbLIq8G4WBvXw8c",
        ErrorId = outcome == SmartAuditOutcome.Failure ? "SMART-TOKEN-014" : null,
        Error = outcome == SmartAuditOutcome.Failure ? "invalid_grant" : null,
        Detail = outcome == SmartAuditOutcome.Failure ? "The code is invalid." : null,
        BreakGlassReason = kind == SmartAuditEventKind.BreakGlass ? "unconscious patient in ED" : null,
        Interaction = kind is SmartAuditEventKind.AccessRefused or SmartAuditEventKind.AccessPermitted ? "read" : null,
        ResourceType = kind is SmartAuditEventKind.AccessRefused or SmartAuditEventKind.AccessPermitted ? "Observation" : null,
        RemoteAddress = "127.0.0.1",
        CorrelationId = "0HN7:00000001",
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
    };
}
