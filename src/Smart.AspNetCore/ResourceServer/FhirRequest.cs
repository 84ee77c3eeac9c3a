namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// A classified FHIR REST request. Slices of the request path are kept as offsets, so classification allocates nothing.
/// </summary>
internal readonly struct FhirRequest
{
    private readonly string? _path;
    private readonly int _idStart;
    private readonly int _idLength;
    private readonly int _nameStart;
    private readonly int _nameLength;

    public FhirRequest(FhirInteraction interaction, string? resourceType, string? compartmentType, string? path, Range id, Range name)
    {
        Interaction = interaction;
        ResourceType = resourceType;
        CompartmentType = compartmentType;
        _path = path;
        var length = path?.Length ?? 0;
        (_idStart, _idLength) = id.GetOffsetAndLength(length);
        (_nameStart, _nameLength) = name.GetOffsetAndLength(length);
    }

    public static FhirRequest Unknown => default;

    /// <summary>Gets the interaction.</summary>
    public FhirInteraction Interaction { get; }

    /// <summary>Gets the resource type the interaction is about (<c>*</c> for <c>[compartment]/[id]/*</c>), or <see langword="null"/>.</summary>
    public string? ResourceType { get; }

    /// <summary>Gets the compartment type of a compartment search (<c>Patient</c> in <c>Patient/123/Observation</c>).</summary>
    public string? CompartmentType { get; }

    /// <summary>Gets the logical id of an instance interaction, or of the compartment of a compartment search; empty otherwise.</summary>
    public ReadOnlySpan<char> Id => _path is null ? default : _path.AsSpan(_idStart, _idLength);

    /// <summary>Gets the operation name without <c>$</c>; empty otherwise.</summary>
    public ReadOnlySpan<char> OperationName => _path is null ? default : _path.AsSpan(_nameStart, _nameLength);

    /// <summary>Gets a value indicating whether the request names one instance (<see cref="Id"/> is set and is the target).</summary>
    public bool IsInstance => Interaction is FhirInteraction.Read or FhirInteraction.VRead or FhirInteraction.Update
        or FhirInteraction.Patch or FhirInteraction.Delete or FhirInteraction.HistoryInstance or FhirInteraction.OperationInstance;
}
