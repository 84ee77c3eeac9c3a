namespace Smart.AspNetCore;

/// <summary>
/// One signing key. Exactly one source must be set: <see cref="Pem"/>/<see cref="PemFile"/> (PKCS#8, PKCS#1 or SEC1
/// private key), <see cref="Jwk"/>/<see cref="JwkFile"/> (private JWK) or <see cref="CertificateFile"/> (PKCS#12 or
/// PEM certificate with its private key).
/// </summary>
public sealed class SmartSigningKeyOptions
{
    /// <summary>Key id published as <c>kid</c>. When empty, the RFC 7638 thumbprint of the public key is used.</summary>
    public string? KeyId { get; set; }

    /// <summary>Signing algorithm: <c>RS256</c> (default), <c>RS384</c>, <c>ES256</c> or <c>ES384</c>.</summary>
    public string Algorithm { get; set; } = SmartSigningAlgorithms.RS256;

    /// <summary>A PEM-encoded private key.</summary>
    public string? Pem { get; set; }

    /// <summary>Path of a PEM-encoded private key file.</summary>
    public string? PemFile { get; set; }

    /// <summary>A private JSON Web Key (RSA or EC) as JSON text.</summary>
    public string? Jwk { get; set; }

    /// <summary>Path of a private JSON Web Key file.</summary>
    public string? JwkFile { get; set; }

    /// <summary>Path of an X.509 certificate with private key (<c>.pfx</c>/<c>.p12</c>, or PEM with <see cref="CertificateKeyFile"/>).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>Password of <see cref="CertificateFile"/> when it is a PKCS#12 file.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Private key file for a PEM <see cref="CertificateFile"/>.</summary>
    public string? CertificateKeyFile { get; set; }

    /// <summary>
    /// A retired key is published in the JWKS (so tokens it signed still validate) but never signs new tokens.
    /// </summary>
    public bool Retired { get; set; }
}
