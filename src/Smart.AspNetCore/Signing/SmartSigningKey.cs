using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
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
        // An RSA signature is the modulus size; an ECDSA one (IEEE P1363, as JWS wants) two field elements.
        var bytes = (key.KeySize + 7) / 8;
        MaxSignatureLength = algorithm.StartsWith("ES", StringComparison.Ordinal) ? 2 * bytes : bytes;
        _signatureProvider = new Lazy<SignatureProvider>(CreateSignatureProvider, LazyThreadSafetyMode.ExecutionAndPublication);
        _accessTokenHeader = EncodeHeader("at+jwt");
        _idTokenHeader = EncodeHeader("JWT");
    }

    /// <summary>The <c>kid</c> written in token headers and the JWKS.</summary>
    public string KeyId { get; }

    private readonly Lazy<SignatureProvider> _signatureProvider;
    private readonly byte[] _accessTokenHeader;
    private readonly byte[] _idTokenHeader;

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

    /// <summary>
    /// The signature provider of this key, created once by the key's <see cref="CryptoProviderFactory"/> and owned by this
    /// key (not the factory's shared cache, which may evict and dispose it). Thread-safe: Microsoft.IdentityModel pools
    /// the underlying crypto objects.
    /// </summary>
    public SignatureProvider SignatureProvider => _signatureProvider.Value;

    /// <summary>The longest signature this key makes, in bytes.</summary>
    public int MaxSignatureLength { get; }

    /// <summary>The base64url UTF-8 of the JOSE header <c>{"alg":…,"kid":…,"typ":…}</c> for tokens of <paramref name="type"/>.</summary>
    public ReadOnlySpan<byte> GetEncodedHeader(string type) => type switch
    {
        "at+jwt" => _accessTokenHeader,
        "JWT" => _idTokenHeader,
        _ => EncodeHeader(type),
    };

    public override string ToString() => $"{KeyId} ({Algorithm}{(Retired ? ", retired" : string.Empty)})";

    private SignatureProvider CreateSignatureProvider()
    {
        var factory = new CryptoProviderFactory(Key.CryptoProviderFactory) { CacheSignatureProviders = false };
        return factory.CreateForSigning(Key, Algorithm);
    }

    /// <summary>The header JsonWebTokenHandler writes for these credentials: alg, kid, typ, in that order.</summary>
    private byte[] EncodeHeader(string type)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("alg", Algorithm);
            json.WriteString("kid", KeyId);
            json.WriteString("typ", type);
            json.WriteEndObject();
        }

        return Base64Url.EncodeToUtf8(buffer.WrittenSpan);
    }
}
