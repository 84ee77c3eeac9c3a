using Smart.AspNetCore.ResourceServer;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>
/// The decision table: interaction × scope kind (v1, v2, granular) × context (patient, user, system) × in/out of the
/// compartment (RS-1, RS-5, RS-6, RS-7, RS-8, RS-11, SCOPE-1, SCOPE-2, SCOPE-4, SCOPE-5, SCOPE-7).
/// Outcome: D = denied, A = allowed without checks, R = allowed with a response check, B = allowed with request-body
/// and response checks.
/// </summary>
public sealed class DecisionTests
{
    private const string Lab = "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

    [Theory]
    // v1 patient: read ⇒ r+s, write ⇒ c+u+d, write does not imply read (SCOPE-1, RS-7)
    [InlineData("patient/Observation.read", "GET", "/fhir/Observation/o1", "R")]
    [InlineData("patient/Observation.read", "GET", "/fhir/Observation", "R")]
    [InlineData("patient/Observation.read", "POST", "/fhir/Observation", "D")]
    [InlineData("patient/Observation.write", "GET", "/fhir/Observation/o1", "D")]
    [InlineData("patient/Observation.write", "POST", "/fhir/Observation", "B")]
    [InlineData("patient/*.read", "GET", "/fhir/Condition/c1", "R")]
    [InlineData("patient/*.*", "DELETE", "/fhir/Observation/o1", "D")]
    // v2 patient
    [InlineData("patient/Observation.rs", "GET", "/fhir/Observation/o1", "R")]
    [InlineData("patient/Observation.r", "GET", "/fhir/Observation", "D")]
    [InlineData("patient/Observation.s", "GET", "/fhir/Observation/o1", "D")]
    [InlineData("patient/Observation.r patient/Observation.s", "GET", "/fhir/Observation", "R")]
    [InlineData("patient/Observation.rs", "GET", "/fhir/Condition/c1", "D")]
    [InlineData("patient/Observation.c", "POST", "/fhir/Observation", "B")]
    [InlineData("patient/Observation.u", "PUT", "/fhir/Observation/o1", "D")]
    [InlineData("patient/Observation.u", "PATCH", "/fhir/Observation/o1", "D")]
    [InlineData("patient/Observation.d", "DELETE", "/fhir/Observation/o1", "D")]
    [InlineData("patient/Observation.cruds", "PUT", "/fhir/Observation", "D")]
    [InlineData("patient/Observation.rs", "GET", "/fhir/Observation/o1/_history", "R")]
    [InlineData("patient/Observation.rs", "GET", "/fhir/Observation/o1/_history/1", "R")]
    [InlineData("patient/Observation.rs", "GET", "/fhir/Observation/_history", "R")]
    // Patient resource: in (p1) and out (p2) of the compartment
    [InlineData("patient/Patient.rs", "GET", "/fhir/Patient/p1", "A")]
    [InlineData("patient/Patient.rs", "GET", "/fhir/Patient/p2", "D")]
    [InlineData("patient/Patient.u", "PUT", "/fhir/Patient/p1", "A")]
    [InlineData("patient/Patient.u", "PUT", "/fhir/Patient/p2", "D")]
    [InlineData("patient/Patient.rs", "GET", "/fhir/Patient", "R")]
    [InlineData("patient/Observation.rs", "GET", "/fhir/Patient/p1/Observation", "R")]
    [InlineData("patient/Observation.rs", "GET", "/fhir/Patient/p2/Observation", "D")]
    [InlineData("patient/*.rs", "GET", "/fhir/Patient/p1/*", "R")]
    [InlineData("patient/*.rs", "GET", "/fhir", "R")]
    [InlineData("patient/Patient.r", "GET", "/fhir/Patient/p1/$everything", "R")]
    [InlineData("patient/Patient.r", "GET", "/fhir/Patient/p2/$everything", "D")]
    // RS-11: non-compartment types readable, never writable, under patient/ scopes
    [InlineData("patient/Practitioner.rs", "GET", "/fhir/Practitioner/dr1", "A")]
    [InlineData("patient/Practitioner.cruds", "POST", "/fhir/Practitioner", "D")]
    // user/ and system/ (RS-7)
    [InlineData("user/Observation.rs", "GET", "/fhir/Observation/o3", "A")]
    [InlineData("user/Observation.rs", "GET", "/fhir/Observation", "R")]
    [InlineData("user/Observation.read", "PUT", "/fhir/Observation/o3", "D")]
    [InlineData("user/Observation.write", "PUT", "/fhir/Observation/o3", "A")]
    [InlineData("user/*.cruds", "DELETE", "/fhir/Observation/o3", "A")]
    [InlineData("user/*.cruds", "DELETE", "/fhir/Observation", "A")]
    [InlineData("system/*.rs", "GET", "/fhir/Observation", "A")]
    [InlineData("system/*.read", "GET", "/fhir", "A")]
    [InlineData("system/Observation.rs", "GET", "/fhir", "D")]
    [InlineData("system/*.rs", "GET", "/fhir/_history", "A")]
    // mixed contexts combine as a union (microsoft/fhir-server PR #5717)
    [InlineData("patient/Observation.rs user/Observation.rs", "GET", "/fhir/Observation/o3", "A")]
    [InlineData("patient/Observation.rs user/Condition.rs", "GET", "/fhir/Observation/o3", "R")]
    // granular (SCOPE-8, RS-8)
    [InlineData("patient/Observation.rs?" + Lab, "GET", "/fhir/Observation/o1", "R")]
    [InlineData("patient/Observation.rs?" + Lab, "GET", "/fhir/Observation", "R")]
    [InlineData("user/Observation.rs?" + Lab, "GET", "/fhir/Observation/o1", "R")]
    [InlineData("user/Observation.cu?" + Lab, "POST", "/fhir/Observation", "B")]
    [InlineData("user/Observation.cu?" + Lab, "PUT", "/fhir/Observation/o1", "D")]
    // capabilities, operations, unknown shapes
    [InlineData("", "GET", "/fhir/metadata", "A")]
    [InlineData("user/*.cruds", "GET", "/fhir/$export", "D")]
    [InlineData("user/*.cruds", "GET", "/fhir/Unknown/1", "D")]
    [InlineData("launch openid fhirUser", "GET", "/fhir/Observation", "D")]
    public void Decide_Table_ReturnsExpectedOutcome(string scope, string method, string path, string expected)
    {
        var access = Access(scope, patient: "p1");
        var request = FhirRequestClassifier.Classify(method, path, "/fhir");

        var decision = SmartAccessDecider.Decide(access, request, new SmartResourceServerOptions());

        Outcome(decision).Should().Be(expected, because: $"{method} {path} with '{scope}'");
    }

    [Theory]
    [InlineData("PUT", "/fhir/Observation/o1", "B")]
    [InlineData("PATCH", "/fhir/Observation/o1", "R")]
    [InlineData("DELETE", "/fhir/Observation/o1", "R")]
    [InlineData("DELETE", "/fhir/Observation", "D")]
    public void Decide_AllowUnverifiableWrites_AllowsConstrainedWritesById(string method, string path, string expected)
    {
        var access = Access("patient/Observation.cud", patient: "p1");
        var options = new SmartResourceServerOptions { AllowUnverifiableWrites = true };

        var decision = SmartAccessDecider.Decide(access, FhirRequestClassifier.Classify(method, path, "/fhir"), options);

        Outcome(decision).Should().Be(expected);
    }

    [Fact]
    public void Decide_PatientScopeWithoutPatientClaim_Denies()
    {
        // microsoft/fhir-server PR #5688: a patient/ token without patient context must not bypass the compartment.
        var access = Access("patient/*.rs", patient: null);

        var decision = SmartAccessDecider.Decide(access, FhirRequestClassifier.Classify("GET", "/fhir/Observation", "/fhir"), new SmartResourceServerOptions());

        decision.IsAllowed.Should().BeFalse();
        decision.DenialReason.Should().Be("Granted scopes do not permit search on Observation");
    }

    [Theory] // RS-6: a patient/ scope that covers the type but not the patient named says so, not "scopes do not permit".
    [InlineData("patient/Patient.rs", "GET", "/fhir/Patient/p2")]
    [InlineData("patient/Patient.u", "PUT", "/fhir/Patient/p2")]
    [InlineData("patient/Observation.rs", "GET", "/fhir/Patient/p2/Observation")]
    public void Decide_OtherPatient_SaysOutsideCompartment(string scope, string method, string path)
    {
        var decision = SmartAccessDecider.Decide(Access(scope), FhirRequestClassifier.Classify(method, path, "/fhir"), new SmartResourceServerOptions());

        decision.IsAllowed.Should().BeFalse();
        decision.DenialReason.Should().Be(SmartAccessDecider.CompartmentDenialMessage);
        decision.DenialReason.Should().NotContain("p2").And.NotContain("p1");
    }

    [Fact] // A type the scopes do not cover still says the scopes do not permit it.
    public void Decide_TypeNotCovered_SaysScopesDoNotPermit()
    {
        var decision = SmartAccessDecider.Decide(Access("patient/Observation.rs"), FhirRequestClassifier.Classify("GET", "/fhir/Patient/p2", "/fhir"), new SmartResourceServerOptions());

        decision.DenialReason.Should().Be("Granted scopes do not permit read on Patient");
    }

    [Theory]
    [InlineData("patient/Observation.dr")]
    [InlineData("patient/Observation.sr")]
    [InlineData("patient/observation.rs")]
    [InlineData("org/Observation.read")]
    [InlineData("patient/Observation.read?category=x")]
    public void Decide_MalformedScope_GrantsNothing(string scope)
    {
        // SCOPE-3: malformed scopes are never reinterpreted.
        var access = Access(scope, patient: "p1");

        var decision = SmartAccessDecider.Decide(access, FhirRequestClassifier.Classify("GET", "/fhir/Observation/o1", "/fhir"), new SmartResourceServerOptions());

        decision.IsAllowed.Should().BeFalse();
    }

    internal static SmartAccessContext Access(string scope, string? patient = "p1") =>
        new("app", "user1", SmartScopeSet.Parse(scope), patient, null, null, "https://ehr.test/fhir");

    private static string Outcome(SmartAccessDecision decision) =>
        !decision.IsAllowed ? "D" : decision.CheckRequestBody ? "B" : decision.CheckResponse ? "R" : "A";
}
