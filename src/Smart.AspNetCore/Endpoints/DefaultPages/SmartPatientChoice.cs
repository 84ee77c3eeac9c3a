namespace Smart.AspNetCore.Interaction;

/// <summary>A patient offered by the default patient picker.</summary>
public sealed class SmartPatientChoice
{
    /// <summary>Creates a choice.</summary>
    /// <param name="id">The Patient logical id (becomes the token's <c>patient</c>).</param>
    /// <param name="displayName">What the user sees, for example the name and birth date.</param>
    public SmartPatientChoice(string id, string displayName)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        Id = id;
        DisplayName = displayName;
    }

    /// <summary>The Patient logical id.</summary>
    public string Id { get; }

    /// <summary>The text shown to the user.</summary>
    public string DisplayName { get; }
}
