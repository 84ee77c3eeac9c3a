namespace Smart.AspNetCore.Tests.Architecture;

/// <summary>
/// The floors of the library (docs/architecture.md), from the ground up. A folder may use folders of its own floor
/// (without a cycle) and of the floors below; the feature floor allows no sideways edges at all, so cross-feature
/// needs go down a floor.
/// </summary>
internal static class FloorPlan
{
    public const int Primitives = 1;
    public const int Model = 2;
    public const int Domain = 3;
    public const int Features = 4;
    public const int Composition = 5;

    public static IReadOnlyDictionary<string, int> Library { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Protocol"] = Primitives,
        ["Scopes"] = Primitives,
        ["Logging"] = Primitives,
        ["Diagnostics"] = Primitives,
        ["Clients"] = Model,
        ["LaunchContext"] = Model,
        ["Grants"] = Model,
        ["Events"] = Model,
        ["Configuration"] = Model,
        ["Discovery"] = Model,
        ["Users"] = Model,
        ["Stores"] = Model,
        ["Audit"] = Model,
        ["Signing"] = Domain,
        ["ClientAuthentication"] = Domain,
        ["Tokens"] = Domain,
        ["Interaction"] = Domain,
        ["Throttling"] = Domain,
        ["Requests"] = Domain,
        ["Framing"] = Domain,
        ["Endpoints/Authorize"] = Features,
        ["Endpoints/Token"] = Features,
        ["Endpoints/Discovery"] = Features,
        ["Endpoints/Introspection"] = Features,
        ["Endpoints/Revocation"] = Features,
        ["Endpoints/DefaultPages"] = Features,
        ["ResourceServer"] = Features,
        ["Health"] = Features,
        ["DependencyInjection"] = Composition,
        ["Routing"] = Composition,
    };

    /// <summary>Floors on which folders may not depend on each other.</summary>
    public static IReadOnlySet<int> NoSidewaysEdges { get; } = new HashSet<int> { Features };
}
