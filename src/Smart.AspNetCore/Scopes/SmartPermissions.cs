namespace Smart.AspNetCore.Scopes;

/// <summary>
/// The SMART v2 permission letters <c>c r u d s</c> (SCOPE-2), as flags.
/// SMART v1 <c>read</c> maps to <see cref="Read"/> | <see cref="Search"/>, <c>write</c> to
/// <see cref="Create"/> | <see cref="Update"/> | <see cref="Delete"/>, and <c>*</c> to <see cref="All"/> (SCOPE-4).
/// </summary>
[Flags]
public enum SmartPermissions
{
    /// <summary>No permission.</summary>
    None = 0,

    /// <summary><c>c</c>: create.</summary>
    Create = 1,

    /// <summary><c>r</c>: read, vread and instance history.</summary>
    Read = 2,

    /// <summary><c>u</c>: update (including update-as-create) and patch.</summary>
    Update = 4,

    /// <summary><c>d</c>: delete.</summary>
    Delete = 8,

    /// <summary><c>s</c>: type search, type history, system search and system history.</summary>
    Search = 16,

    /// <summary><c>cruds</c>: every permission.</summary>
    All = Create | Read | Update | Delete | Search,
}
