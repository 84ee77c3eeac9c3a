using Hl7.Fhir.Model;

namespace Smart.Sample.Ehr.Fhir;

/// <summary>
/// What the FHIR API knows about one resource type: how to read the elements its search parameters look at.
/// The same table drives the search and the CapabilityStatement, so they agree.
/// </summary>
public sealed class FhirResourceType
{
    private FhirResourceType(string name) => Name = name;

    /// <summary>The resource type name, e.g. <c>Observation</c>.</summary>
    public string Name { get; }

    /// <summary>Whether create and update are supported.</summary>
    public bool Writable { get; private init; }

    /// <summary>The patient the resource is about (for <c>patient</c>/<c>subject</c> and <c>_include</c>).</summary>
    public Func<Resource, ResourceReference?>? Subject { get; private init; }

    /// <summary>The codes matched by <c>code</c>.</summary>
    public Func<Resource, IEnumerable<CodeableConcept>>? Code { get; private init; }

    /// <summary>The codes matched by <c>category</c>.</summary>
    public Func<Resource, IEnumerable<CodeableConcept>>? Category { get; private init; }

    /// <summary>The search parameter name of the clinical date (<c>date</c>, or <c>birthdate</c> for Patient).</summary>
    public string? DateParameter { get; private init; }

    /// <summary>The element matched by <see cref="DateParameter"/> and used by <c>_sort=date</c>.</summary>
    public Func<Resource, DataType?>? Date { get; private init; }

    /// <summary>Names matched by <c>name</c>.</summary>
    public Func<Resource, IEnumerable<HumanName>>? Names { get; private init; }

    /// <summary>The administrative gender matched by <c>gender</c>.</summary>
    public Func<Resource, string?>? Gender { get; private init; }

    /// <summary>The types served, by name.</summary>
    public static IReadOnlyDictionary<string, FhirResourceType> All { get; } = new[]
    {
        new FhirResourceType("Patient")
        {
            DateParameter = "birthdate",
            Date = r => ((Patient)r).BirthDateElement,
            Names = r => ((Patient)r).Name,
            Gender = r => ((Patient)r).Gender?.ToString().ToLowerInvariant(),
        },
        new FhirResourceType("Observation")
        {
            Writable = true,
            Subject = r => ((Observation)r).Subject,
            Code = r => ((Observation)r).Code is { } code ? [code] : [],
            Category = r => ((Observation)r).Category,
            DateParameter = "date",
            Date = r => ((Observation)r).Effective,
        },
        new FhirResourceType("Condition")
        {
            Subject = r => ((Condition)r).Subject,
            Code = r => ((Condition)r).Code is { } code ? [code] : [],
            Category = r => ((Condition)r).Category,
            DateParameter = "onset-date",
            Date = r => ((Condition)r).Onset,
        },
        new FhirResourceType("Encounter")
        {
            Subject = r => ((Encounter)r).Subject,
            Code = r => ((Encounter)r).Type,
            DateParameter = "date",
            Date = r => ((Encounter)r).Period,
        },
        new FhirResourceType("Practitioner")
        {
            Names = r => ((Practitioner)r).Name,
            Gender = r => ((Practitioner)r).Gender?.ToString().ToLowerInvariant(),
        },
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The search parameters this type supports, with their FHIR types (for the CapabilityStatement).</summary>
    public IEnumerable<(string Name, SearchParamType Type, string Documentation)> SearchParameters()
    {
        yield return ("_id", SearchParamType.Token, "Logical id");
        if (Subject is not null)
        {
            yield return ("patient", SearchParamType.Reference, "The patient: Patient/{id} or {id}");
            yield return ("subject", SearchParamType.Reference, "The subject: Patient/{id} or {id}");
        }

        if (Code is not null)
        {
            yield return (CodeParameter, SearchParamType.Token, "system|code or code; comma-separated values are OR");
        }

        if (Category is not null)
        {
            yield return ("category", SearchParamType.Token, "system|code or code; comma-separated values are OR");
        }

        if (DateParameter is not null)
        {
            yield return (DateParameter, SearchParamType.Date, "Prefixes eq, ne, lt, le, gt, ge, sa, eb");
        }

        if (Names is not null)
        {
            yield return ("name", SearchParamType.String, "Starts-with match on any part of a name, case-insensitive");
        }

        if (Gender is not null)
        {
            yield return ("gender", SearchParamType.Token, "male | female | other | unknown");
        }
    }

    /// <summary>The search parameter name that matches <see cref="Code"/>.</summary>
    public string CodeParameter => Name == "Encounter" ? "type" : "code";
}
