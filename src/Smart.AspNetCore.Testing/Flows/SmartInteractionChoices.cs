namespace Smart.AspNetCore.Testing.Flows;

/// <summary>What the simulated user does on the host's consent and patient-picker pages during one authorization.</summary>
public sealed class SmartInteractionChoices
{
    /// <summary>Allow on the consent page (the default).</summary>
    public static SmartInteractionChoices Allow => new();

    /// <summary>Deny on the consent page.</summary>
    public static SmartInteractionChoices Deny => new() { Decision = SmartConsentDecision.Deny };

    /// <summary>The consent decision.</summary>
    public SmartConsentDecision Decision { get; init; } = SmartConsentDecision.Allow;

    /// <summary>The scopes to approve; <see langword="null"/> approves what the page ticks (its hidden and checked scope fields).</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The patient to pick on the picker page; <see langword="null"/> picks the first offered.</summary>
    public string? Patient { get; init; }

    /// <summary>Further fields to fill on the consent page (for example <c>break_glass_reason</c>).</summary>
    public IReadOnlyDictionary<string, string>? ConsentFields { get; init; }
}
