namespace Smart.AspNetCore.Scopes;

/// <summary>
/// The context prefix of a SMART resource scope (<c>patient/</c>, <c>user/</c> or <c>system/</c>).
/// </summary>
public enum SmartScopeContext
{
    /// <summary>Not a resource scope.</summary>
    None,

    /// <summary><c>patient/</c>: access limited to the patient in context.</summary>
    Patient,

    /// <summary><c>user/</c>: access limited to what the signed-in user may access.</summary>
    User,

    /// <summary><c>system/</c>: access for a backend client, limited by its pre-configured policy (SCOPE-12).</summary>
    System,
}
