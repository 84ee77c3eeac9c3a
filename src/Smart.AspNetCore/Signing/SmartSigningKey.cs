using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.Signing;

/// <summary>A loaded asymmetric signing key with its key id, algorithm and public JWK.</summary>
internal sealed class SmartSigningKey
{
    public SmartSigningKey(string keyId, string algorithm, SecurityKey key, JsonWebKey publicJwk, bool retired, DateTimeOffset? notAfter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(publicJwk);

        KeyId = keyId;
        Algorithm = algorithm;
        Key = key;
        PublicJwk = publicJwk;
        Retired = retired;
        NotAfter = notAfter;
        Credentials = new SigningCredentials(key, algorithm);
    }

    /// <summary>The <c>kid</c> written in token headers and the JWKS.</summary>
    public string KeyId { get; }

    /// <summary>The JWS algorithm (<c>RS256</c>, <c>RS384</c>, <c>ES256</c> or <c>ES384</c>).</summary>
    public string Algorithm { get; }

    /// <summary>The private key; its <see cref="SecurityKey.KeyId"/> is <see cref="KeyId"/>.</summary>
    public SecurityKey Key { get; }

    /// <summary>Credentials for <c>JsonWebTokenHandler</c>; tokens get <c>kid</c> and <c>alg</c> headers.</summary>
    public SigningCredentials Credentials { get; }

    /// <summary>The public half as a JWK (kty, use, alg, kid, n/e or crv/x/y); never private members.</summary>
    public JsonWebKey PublicJwk { get; }

    /// <summary>A retired key is published in the JWKS but never signs new tokens.</summary>
    public bool Retired { get; }

    /// <summary>
    /// When the key came with an X.509 certificate (from configuration or as an <see cref="X509SecurityKey"/>), the
    /// certificate's expiry (UTC); <see langword="null"/> for bare keys. The health check warns before it.
    /// </summary>
    public DateTimeOffset? NotAfter { get; }

    public override string ToString() => $"{KeyId} ({Algorithm}{(Retired ? ", retired" : string.Empty)})";
}
