namespace Smart.AspNetCore.Interaction;

/// <summary>A scope as shown on a consent page.</summary>
public sealed class SmartScopeInfo
{
    internal SmartScopeInfo(string value, string description, bool isIdentityOrLaunch, bool isNew = false)
    {
        Value = value;
        Description = description;
        IsIdentityOrLaunch = isIdentityOrLaunch;
        IsNew = isNew;
    }

    /// <summary>The scope word exactly as it will be granted.</summary>
    public string Value { get; }

    /// <summary>A plain-language description (AUTHZ-12), for example "Read and search your observations".</summary>
    public string Description { get; }

    /// <summary>
    /// <see langword="true"/> for <c>openid</c>, <c>fhirUser</c>, <c>profile</c>, <c>launch</c> and <c>launch/*</c>:
    /// scopes that give no access to clinical data, which a consent page may show as fixed.
    /// </summary>
    public bool IsIdentityOrLaunch { get; }

    /// <summary>
    /// <see langword="true"/> when the user approved this app before (remembered consent,
    /// <see cref="Clients.SmartConsentPolicy.Remember"/>) but not this scope: a consent page should mark it as new.
    /// </summary>
    public bool IsNew { get; }
}
