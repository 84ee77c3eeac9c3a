namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// One alternative of <see cref="SmartSearchConstraints"/>: a resource is in the result when it satisfies the patient
/// compartment condition (when <see cref="PatientId"/> is set) and every granular <see cref="Parameters"/> entry.
/// </summary>
public sealed class SmartSearchAlternative
{
    internal SmartSearchAlternative(string? patientId, IReadOnlyList<string> compartmentParameters, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        PatientId = patientId;
        CompartmentParameters = compartmentParameters;
        Parameters = parameters;
    }

    /// <summary>
    /// Gets the id of the patient whose compartment the results must belong to (RS-6), or <see langword="null"/> when this
    /// alternative is not confined to a patient compartment.
    /// </summary>
    public string? PatientId { get; }

    /// <summary>
    /// Gets the search parameters linking the type to the patient (from the R4 Patient CompartmentDefinition), OR-ed: a
    /// resource is in the compartment when one of them references <c>Patient/{PatientId}</c>. For <c>Patient</c> itself it
    /// is <c>_id</c> (the value is <see cref="PatientId"/>). Empty when <see cref="PatientId"/> is <see langword="null"/>.
    /// </summary>
    public IReadOnlyList<string> CompartmentParameters { get; }

    /// <summary>
    /// Gets the granular scope constraint (SCOPE-8) as search parameters, AND-ed, verbatim from the scope
    /// (for example <c>category</c> = <c>http://terminology.hl7.org/CodeSystem/observation-category|laboratory</c>); empty when none.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }
}
