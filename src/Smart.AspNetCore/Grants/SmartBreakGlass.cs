namespace Smart.AspNetCore.Grants;

/// <summary>Names and limits of the break-glass elevation of a grant (<see cref="SmartGrant.BreakGlass"/>).</summary>
internal static class SmartBreakGlass
{
    /// <summary>The access-token claim (and introspection member) of an elevated grant: <c>"break_glass": true</c>.</summary>
    public const string Claim = "break_glass";

    /// <summary>The longest reason kept; longer reasons are cut.</summary>
    public const int MaxReasonLength = 500;
}
