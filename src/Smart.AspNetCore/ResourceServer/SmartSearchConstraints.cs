namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// What a host's search query for one resource type must apply so that it returns exactly the resources the access
/// token may see (RS-6, RS-8): the OR of <see cref="Alternatives"/>, unless <see cref="IsUnrestricted"/>.
/// The library also checks the response Bundle, but a host that applies these constraints returns complete pages and
/// a correct <c>total</c>.
/// </summary>
public sealed class SmartSearchConstraints
{
    internal SmartSearchConstraints(string resourceType, bool isUnrestricted, IReadOnlyList<SmartSearchAlternative> alternatives)
    {
        ResourceType = resourceType;
        IsUnrestricted = isUnrestricted;
        Alternatives = alternatives;
    }

    /// <summary>Gets the resource type.</summary>
    public string ResourceType { get; }

    /// <summary>Gets a value indicating whether the token may search the type at all.</summary>
    public bool IsPermitted => IsUnrestricted || Alternatives.Count > 0;

    /// <summary>Gets a value indicating whether the token may search every resource of the type (no constraint to apply).</summary>
    public bool IsUnrestricted { get; }

    /// <summary>Gets the alternatives, OR-ed; empty when <see cref="IsUnrestricted"/> or when searching is not permitted.</summary>
    public IReadOnlyList<SmartSearchAlternative> Alternatives { get; }
}
