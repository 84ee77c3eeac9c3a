using System.Text.Json;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// One way a token may reach resources of a type: optionally confined to the context patient's compartment, and
/// optionally constrained by a granular scope query. A resource is accessible when at least one rule matches (SCOPE-5).
/// </summary>
internal readonly record struct SmartAccessRule(bool PatientCompartment, IReadOnlyList<KeyValuePair<string, string>>? Filter)
{
    public bool IsUnrestricted => !PatientCompartment && Filter is null;

    public bool Matches(string resourceType, JsonElement resource, string? patientId, string fhirBase) =>
        (!PatientCompartment || (patientId is not null && ResourceServer.PatientCompartment.IsMember(resourceType, resource, patientId, fhirBase)))
        && (Filter is null || GranularScopeMatcher.Matches(resourceType, resource, Filter));
}
