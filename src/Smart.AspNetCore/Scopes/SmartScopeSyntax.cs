namespace Smart.AspNetCore.Scopes;

/// <summary>
/// The permission syntax a resource scope was written in.
/// </summary>
public enum SmartScopeSyntax
{
    /// <summary>Not a resource scope.</summary>
    None,

    /// <summary>SMART v1: <c>.read</c>, <c>.write</c> or <c>.*</c> (SCOPE-1).</summary>
    V1,

    /// <summary>SMART v2: an in-order subset of <c>cruds</c>, optionally followed by <c>?query</c> (SCOPE-2).</summary>
    V2,
}
