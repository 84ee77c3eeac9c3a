using BenchmarkDotNet.Attributes;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Benchmarks;

/// <summary>Parsing, granting and checking SMART scopes as the authorize endpoint and the FHIR API do.</summary>
[MemoryDiagnoser]
public class ScopeBenchmarks
{
    private const string EhrLaunchRequest =
        "launch openid fhirUser offline_access patient/Patient.rs patient/Observation.rs " +
        "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item " +
        "user/Practitioner.read";

    private const string ClientPolicyText =
        "launch launch/patient openid fhirUser offline_access patient/*.rs user/Practitioner.rs user/Organization.rs";

    private SmartScopeSet _request = SmartScopeSet.Empty;
    private SmartScopeSet _clientPolicy = SmartScopeSet.Empty;

    /// <summary>Parses the request and the policy once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _request = SmartScopeSet.Parse(EhrLaunchRequest);
        _clientPolicy = SmartScopeSet.Parse(ClientPolicyText);
    }

    /// <summary>Parses a typical EHR-launch scope value.</summary>
    [Benchmark(Baseline = true)]
    public SmartScopeSet ParseEhrLaunch() => SmartScopeSet.Parse(EhrLaunchRequest);

    /// <summary>Grants a parsed request against a typical client policy.</summary>
    [Benchmark]
    public SmartScopeSet GrantAgainstClientPolicy() => _request.Grant(_clientPolicy);

    /// <summary>Checks a permission on a parsed set (the per-request FHIR API check).</summary>
    [Benchmark]
    public bool PermitsPatientObservationRead() =>
        _request.Permits(SmartScopeContext.Patient, "Observation", SmartPermissions.Read);

    /// <summary>Checks a permission that the set does not grant (walks every scope).</summary>
    [Benchmark]
    public bool PermitsDenied() =>
        _request.Permits(SmartScopeContext.Patient, "MedicationRequest", SmartPermissions.Read);
}
