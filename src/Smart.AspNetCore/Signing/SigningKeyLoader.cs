using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.Signing;

/// <summary>Loads signing keys from configuration (PEM, JWK, X.509) or from keys supplied in code.</summary>
internal static class SigningKeyLoader
{
    private const string SourceList = "Pem, PemFile, Jwk, JwkFile or CertificateFile";

    /// <summary>Loads the key described by <paramref name="options"/>.</summary>
    /// <param name="options">Exactly one source must be set.</param>
    /// <param name="contentRootPath">Relative file paths resolve against this directory.</param>
    /// <exception cref="SigningKeyException">The key cannot be loaded or does not fit its algorithm.</exception>
    public static SmartSigningKey Load(SmartSigningKeyOptions options, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contentRootPath);

        var problems = new List<SigningKeyProblem>();
        if (!SmartSigningAlgorithms.IsSupported(options.Algorithm))
        {
            problems.Add(UnsupportedAlgorithm(nameof(SmartSigningKeyOptions.Algorithm), options.Algorithm));
        }

        var sources = new List<string>();
        AddIfSet(sources, nameof(options.Pem), options.Pem);
        AddIfSet(sources, nameof(options.PemFile), options.PemFile);
        AddIfSet(sources, nameof(options.Jwk), options.Jwk);
        AddIfSet(sources, nameof(options.JwkFile), options.JwkFile);
        AddIfSet(sources, nameof(options.CertificateFile), options.CertificateFile);
        if (sources.Count == 0)
        {
            problems.Add(new SigningKeyProblem(null, null, $"no key source is set. Set exactly one of {SourceList}."));
        }
        else if (sources.Count > 1)
        {
            problems.Add(new SigningKeyProblem(null, null, $"more than one key source is set ({string.Join(", ", sources)}). Set exactly one of {SourceList}."));
        }

        if (!string.IsNullOrWhiteSpace(options.CertificateKeyFile) && string.IsNullOrWhiteSpace(options.CertificateFile))
        {
            problems.Add(new SigningKeyProblem(null, nameof(options.CertificateKeyFile), "is set without CertificateFile. Set CertificateFile to the PEM certificate, or use PemFile for a bare private key."));
        }

        if (problems.Count > 0)
        {
            throw new SigningKeyException(problems);
        }

        var source = sources[0];
        var algorithm = options.Algorithm;
        string? jwkKeyId = null;
        DateTimeOffset? notAfter = null;
        AsymmetricAlgorithm key;
        switch (source)
        {
            case nameof(options.Pem):
                key = PemKeyReader.Read(options.Pem!, source);
                break;
            case nameof(options.PemFile):
                key = PemKeyReader.Read(ReadFile(options.PemFile!, contentRootPath, source), source);
                break;
            case nameof(options.Jwk):
                key = ReadJwk(options.Jwk!, source, algorithm, out jwkKeyId);
                break;
            case nameof(options.JwkFile):
                key = ReadJwk(ReadFile(options.JwkFile!, contentRootPath, source), source, algorithm, out jwkKeyId);
                break;
            default:
                key = ReadCertificate(options, contentRootPath, out var certificateNotAfter);
                notAfter = certificateNotAfter;
                break;
        }

        var keyId = string.IsNullOrWhiteSpace(options.KeyId) ? jwkKeyId : options.KeyId;
        return Create(key, algorithm, keyId, options.Retired, source, owned: true, notAfter);
    }

    /// <summary>Wraps a key supplied in code.</summary>
    /// <param name="key">An <see cref="RsaSecurityKey"/>, <see cref="ECDsaSecurityKey"/>, <see cref="X509SecurityKey"/> or <see cref="JsonWebKey"/> with its private key.</param>
    /// <param name="algorithm"><c>RS256</c>, <c>RS384</c>, <c>ES256</c> or <c>ES384</c>.</param>
    /// <param name="keyId">The <c>kid</c>; when empty, the key's own <see cref="SecurityKey.KeyId"/>, else its RFC 7638 thumbprint.</param>
    /// <param name="retired">Whether the key is only published, never used to sign.</param>
    /// <exception cref="SigningKeyException">The key is not usable for <paramref name="algorithm"/>.</exception>
    public static SmartSigningKey FromSecurityKey(SecurityKey key, string algorithm, string? keyId, bool retired)
    {
        ArgumentNullException.ThrowIfNull(key);
        const string option = "SecurityKey";
        if (!SmartSigningAlgorithms.IsSupported(algorithm))
        {
            throw new SigningKeyException([UnsupportedAlgorithm("Algorithm", algorithm)]);
        }

        if (string.IsNullOrWhiteSpace(keyId))
        {
            keyId = string.IsNullOrWhiteSpace(key.KeyId) ? null : key.KeyId;
        }

        if (key is AsymmetricSecurityKey { PrivateKeyStatus: PrivateKeyStatus.DoesNotExist })
        {
            throw SigningKeyException.For(option, "the key has no private key, so it cannot sign. Supply the private key.");
        }

        AsymmetricAlgorithm asymmetric = key switch
        {
            RsaSecurityKey rsaKey => FromRsaSecurityKey(rsaKey, option),
            ECDsaSecurityKey ecKey => ecKey.ECDsa,
            X509SecurityKey x509Key => (AsymmetricAlgorithm?)x509Key.Certificate.GetRSAPrivateKey()
                ?? x509Key.Certificate.GetECDsaPrivateKey()
                ?? throw SigningKeyException.For(option, "the X.509 certificate has no RSA or EC private key. Supply a certificate with its private key."),
            JsonWebKey jwk => JwkKeyConverter.ToPrivateKey(jwk, option),
            _ => throw SigningKeyException.For(option, $"keys of type {key.GetType().Name} are not supported; only asymmetric keys are. Supply an RsaSecurityKey, ECDsaSecurityKey, X509SecurityKey or JsonWebKey."),
        };

        // Keys from RsaSecurityKey.Rsa and ECDsaSecurityKey belong to the caller and are never disposed here.
        var owned = key is JsonWebKey or X509SecurityKey || (key is RsaSecurityKey { Rsa: null });
        var notAfter = key is X509SecurityKey certificateKey ? NotAfterOf(certificateKey.Certificate) : (DateTimeOffset?)null;
        return Create(asymmetric, algorithm, keyId, retired, option, owned, notAfter);
    }

    private static RSA FromRsaSecurityKey(RsaSecurityKey key, string option)
    {
        if (key.Rsa is not null)
        {
            return key.Rsa;
        }

        if (key.Parameters.D is null)
        {
            throw SigningKeyException.For(option, "the key has no private key, so it cannot sign. Supply the private key.");
        }

        var rsa = RSA.Create();
        rsa.ImportParameters(key.Parameters);
        return rsa;
    }

    /// <summary>Checks the key against the algorithm and builds the <see cref="SmartSigningKey"/>.</summary>
    private static SmartSigningKey Create(AsymmetricAlgorithm key, string algorithm, string? keyId, bool retired, string optionName, bool owned, DateTimeOffset? notAfter)
    {
        try
        {
            CheckFits(key, algorithm, optionName);
            var publicJwk = JwkKeyConverter.ToPublicJwk(key, algorithm, keyId: null);
            keyId = string.IsNullOrWhiteSpace(keyId) ? JwkKeyConverter.Thumbprint(publicJwk) : keyId;
            publicJwk.Kid = keyId;

            SecurityKey securityKey = key switch
            {
                RSA rsa => new RsaSecurityKey(rsa) { KeyId = keyId },
                ECDsa ec => new ECDsaSecurityKey(ec) { KeyId = keyId },
                _ => throw new InvalidOperationException("Unreachable: CheckFits accepts only RSA and ECDsa."),
            };
            return new SmartSigningKey(keyId, algorithm, securityKey, publicJwk, retired, notAfter);
        }
        catch (SigningKeyException) when (owned)
        {
            key.Dispose();
            throw;
        }
    }

    private static void CheckFits(AsymmetricAlgorithm key, string algorithm, string optionName)
    {
        if (SmartSigningAlgorithms.IsRsa(algorithm))
        {
            if (key is not RSA rsa)
            {
                throw SigningKeyException.For(optionName, $"the key is an EC key, but {algorithm} requires an RSA key. Use an RSA key, or set Algorithm to ES256 or ES384 to match the key.");
            }

            if (rsa.KeySize < 2048)
            {
                throw SigningKeyException.For(optionName, $"the RSA key has {rsa.KeySize} bits, but {algorithm} requires at least 2048 bits. Generate a 2048-bit or larger RSA key.");
            }

            return;
        }

        if (key is not ECDsa ec)
        {
            throw SigningKeyException.For(optionName, $"the key is an RSA key, but {algorithm} requires an EC key. Use an EC key, or set Algorithm to RS256 or RS384 to match the key.");
        }

        var required = algorithm == SmartSigningAlgorithms.ES256 ? JsonWebKeyECTypes.P256 : JsonWebKeyECTypes.P384;
        var curve = JwkKeyConverter.CurveName(ec.ExportParameters(includePrivateParameters: false).Curve);
        if (curve != required)
        {
            var other = curve switch
            {
                JsonWebKeyECTypes.P256 => " or set Algorithm to ES256 to match the key",
                JsonWebKeyECTypes.P384 => " or set Algorithm to ES384 to match the key",
                _ => string.Empty,
            };
            throw SigningKeyException.For(optionName, $"the EC key uses curve {curve ?? "(unnamed or unsupported)"}, but {algorithm} requires {required}. Use a {required} key{other}.");
        }
    }

    private static AsymmetricAlgorithm ReadJwk(string json, string optionName, string algorithm, out string? keyId)
    {
        JsonWebKey jwk;
        try
        {
            jwk = new JsonWebKey(json);
        }
        catch (ArgumentException)
        {
            // The inner exception is not kept: its message could echo the JSON, which holds the private key.
            throw SigningKeyException.For(optionName, "is not a valid JSON Web Key (JSON object with 'kty'). Provide a private RSA or EC JWK.");
        }

        if (!string.IsNullOrEmpty(jwk.Alg) && !string.Equals(jwk.Alg, algorithm, StringComparison.Ordinal))
        {
            throw SigningKeyException.For(optionName, $"the JWK has \"alg\":\"{jwk.Alg}\" but Algorithm is '{algorithm}'. Set Algorithm to '{jwk.Alg}', or remove 'alg' from the JWK.");
        }

        keyId = string.IsNullOrWhiteSpace(jwk.Kid) ? null : jwk.Kid;
        return JwkKeyConverter.ToPrivateKey(jwk, optionName);
    }

    private static DateTimeOffset NotAfterOf(X509Certificate2 certificate) =>
        new(DateTime.SpecifyKind(certificate.NotAfter.ToUniversalTime(), DateTimeKind.Utc));

    private static AsymmetricAlgorithm ReadCertificate(SmartSigningKeyOptions options, string contentRootPath, out DateTimeOffset notAfter)
    {
        const string option = nameof(SmartSigningKeyOptions.CertificateFile);
        var path = ResolveExisting(options.CertificateFile!, contentRootPath, option);
        var isPem = !string.IsNullOrWhiteSpace(options.CertificateKeyFile) || LooksLikePem(path, option);

        if (isPem)
        {
            return ReadPemCertificate(path, options, contentRootPath, out notAfter);
        }

        X509Certificate2 certificate;
        try
        {
            var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword, flags);
        }
        catch (CryptographicException ex)
        {
            throw SigningKeyException.For(option, $"'{path}' could not be read as PKCS#12 (.pfx/.p12). Check CertificatePassword, or for a PEM certificate set CertificateKeyFile.", ex);
        }

        using (certificate)
        {
            notAfter = NotAfterOf(certificate);
            return PrivateKeyOf(certificate, path)
                ?? throw SigningKeyException.For(option, $"the certificate in '{path}' has no private key. Export the PKCS#12 file with its private key.");
        }
    }

    private static AsymmetricAlgorithm ReadPemCertificate(string path, SmartSigningKeyOptions options, string contentRootPath, out DateTimeOffset notAfter)
    {
        const string option = nameof(SmartSigningKeyOptions.CertificateFile);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException ex)
        {
            throw SigningKeyException.For(option, $"'{path}' is not a readable X.509 certificate. Provide a PEM or DER certificate with CertificateKeyFile, or a PKCS#12 file.", ex);
        }

        using (certificate)
        {
            notAfter = NotAfterOf(certificate);
            AsymmetricAlgorithm key;
            if (string.IsNullOrWhiteSpace(options.CertificateKeyFile))
            {
                // The private key may sit in the same PEM file as the certificate.
                try
                {
                    key = PemKeyReader.Read(File.ReadAllText(path), option);
                }
                catch (SigningKeyException ex)
                {
                    throw SigningKeyException.For(option, $"the PEM certificate '{path}' has no private key with it. Set CertificateKeyFile to its private key file.", ex);
                }
            }
            else
            {
                key = PemKeyReader.Read(ReadFile(options.CertificateKeyFile, contentRootPath, nameof(options.CertificateKeyFile)), nameof(options.CertificateKeyFile));
            }

            try
            {
                using var withKey = key switch
                {
                    RSA rsa => certificate.CopyWithPrivateKey(rsa),
                    ECDsa ec => certificate.CopyWithPrivateKey(ec),
                    _ => throw new InvalidOperationException("Unreachable: PemKeyReader returns RSA or ECDsa."),
                };
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                key.Dispose();
                throw SigningKeyException.For(nameof(options.CertificateKeyFile), $"the private key does not match the certificate '{path}'. Use the private key that belongs to the certificate.", ex);
            }

            return key;
        }
    }

    private static AsymmetricAlgorithm? PrivateKeyOf(X509Certificate2 certificate, string path)
    {
        try
        {
            return (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey();
        }
        catch (CryptographicException ex)
        {
            throw SigningKeyException.For(nameof(SmartSigningKeyOptions.CertificateFile), $"the private key of the certificate in '{path}' could not be opened. Check that it is an RSA or EC key and that the process may read it.", ex);
        }
    }

    private static bool LooksLikePem(string path, string optionName)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[64];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.ASCII.GetString(head[..read]).Contains("-----BEGIN", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw SigningKeyException.For(optionName, $"file '{path}' could not be read ({ex.GetType().Name}). Check that the process may read it.", ex);
        }
    }

    private static string ReadFile(string path, string contentRootPath, string optionName)
    {
        var fullPath = ResolveExisting(path, contentRootPath, optionName);
        try
        {
            return File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw SigningKeyException.For(optionName, $"file '{fullPath}' could not be read ({ex.GetType().Name}). Check that the process may read it.", ex);
        }
    }

    private static string ResolveExisting(string path, string contentRootPath, string optionName)
    {
        var fullPath = Path.GetFullPath(path, string.IsNullOrEmpty(contentRootPath) ? Directory.GetCurrentDirectory() : contentRootPath);
        if (!File.Exists(fullPath))
        {
            throw SigningKeyException.For(optionName, $"file '{fullPath}' not found. Check the path; relative paths are resolved against the content root '{contentRootPath}'.");
        }

        return fullPath;
    }

    private static SigningKeyProblem UnsupportedAlgorithm(string optionName, string? algorithm) =>
        new(null, optionName, $"algorithm '{algorithm}' is not supported. Use RS256, RS384, ES256 or ES384 (only asymmetric algorithms are supported).");

    private static void AddIfSet(List<string> sources, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            sources.Add(name);
        }
    }
}
