namespace Smart.AspNetCore;

/// <summary>The asymmetric JWS algorithms the library signs with.</summary>
public static class SmartSigningAlgorithms
{
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256; required for id_tokens by OpenID Connect.</summary>
    public const string RS256 = "RS256";

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-384.</summary>
    public const string RS384 = "RS384";

    /// <summary>ECDSA with P-256 and SHA-256.</summary>
    public const string ES256 = "ES256";

    /// <summary>ECDSA with P-384 and SHA-384.</summary>
    public const string ES384 = "ES384";

    /// <summary>Every supported algorithm.</summary>
    public static IReadOnlyList<string> All { get; } = [RS256, RS384, ES256, ES384];

    internal static bool IsSupported(string? algorithm) => algorithm is RS256 or RS384 or ES256 or ES384;

    internal static bool IsRsa(string algorithm) => algorithm is RS256 or RS384;
}
