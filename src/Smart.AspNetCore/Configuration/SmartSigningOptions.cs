namespace Smart.AspNetCore;

/// <summary>Token signing keys. Only asymmetric algorithms are supported.</summary>
public sealed class SmartSigningOptions
{
    /// <summary>
    /// Configured keys. At most one active (not <see cref="SmartSigningKeyOptions.Retired"/>) key per algorithm;
    /// retired keys stay published in the JWKS so tokens they signed still validate during rotation.
    /// An active RS256 key is required because OpenID Connect requires RS256 id_tokens (OIDC-1).
    /// </summary>
    public IList<SmartSigningKeyOptions> Keys { get; } = new List<SmartSigningKeyOptions>();

    /// <summary>
    /// Algorithm used to sign access tokens: <c>RS256</c> (default), <c>RS384</c>, <c>ES256</c> or <c>ES384</c>.
    /// An active key of that algorithm must exist. id_tokens are always signed with RS256.
    /// </summary>
    public string AccessTokenAlgorithm { get; set; } = SmartSigningAlgorithms.RS256;
}
