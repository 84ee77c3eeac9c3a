using BenchmarkDotNet.Attributes;
using Smart.AspNetCore.ResourceServer;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Benchmarks;

/// <summary>The per-request resource-server decision after token validation: classify the FHIR request, decide from the scopes.</summary>
[MemoryDiagnoser]
public class ResourceServerBenchmarks
{
    private const string TypicalScopes =
        "launch openid fhirUser offline_access patient/Patient.rs patient/Observation.rs patient/Condition.rs " +
        "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item " +
        "patient/MedicationRequest.rs patient/AllergyIntolerance.rs user/Practitioner.read";

    private readonly SmartResourceServerOptions _options = new();
    private SmartAccessContext _access = null!;
    private FhirRequest _search;

    /// <summary>Parses the token's scopes once, as the access context does per request.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _access = new SmartAccessContext("app", "user1", SmartScopeSet.Parse(TypicalScopes), "p1", "e1", "Practitioner/dr1", "https://ehr.example/fhir");
        _search = FhirRequestClassifier.Classify("GET", "/fhir/Observation", "/fhir");
    }

    /// <summary>Classifies <c>GET /fhir/AllergyIntolerance/a1</c>.</summary>
    [Benchmark]
    public int ClassifyRead() => (int)FhirRequestClassifier.Classify("GET", "/fhir/AllergyIntolerance/a1", "/fhir").Interaction;

    /// <summary>Decides an already classified type search.</summary>
    [Benchmark]
    public bool DecideSearch() => SmartAccessDecider.Decide(_access, _search, _options).IsAllowed;

    /// <summary>Classifies and decides a read of the context patient (no response check needed).</summary>
    [Benchmark(Baseline = true)]
    public bool ClassifyAndDecidePatientRead() =>
        SmartAccessDecider.Decide(_access, FhirRequestClassifier.Classify("GET", "/fhir/Patient/p1", "/fhir"), _options).IsAllowed;

    /// <summary>Classifies and decides a read of a type the token lacks (the 403 path, formats the reason).</summary>
    [Benchmark]
    public bool ClassifyAndDecideDenied() =>
        SmartAccessDecider.Decide(_access, FhirRequestClassifier.Classify("GET", "/fhir/Immunization/i1", "/fhir"), _options).IsAllowed;
}
