using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.Signing;

/// <summary>Converts between JSON Web Keys (RFC 7517/7518) and <see cref="RSA"/>/<see cref="ECDsa"/>.</summary>
internal static class JwkKeyConverter
{
    /// <summary>Imports the private key of an RSA or EC JWK.</summary>
    /// <returns>An <see cref="RSA"/> or <see cref="ECDsa"/>; the caller owns it.</returns>
    public static AsymmetricAlgorithm ToPrivateKey(JsonWebKey jwk, string optionName)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        if (string.Equals(jwk.Use, "enc", StringComparison.Ordinal))
        {
            throw SigningKeyException.For(optionName, "the JWK has \"use\":\"enc\" (an encryption key). Use a key meant for signatures (\"use\":\"sig\" or no 'use').");
        }

        switch (jwk.Kty)
        {
            case JsonWebAlgorithmsKeyTypes.RSA:
                return ToRsa(jwk, optionName);
            case JsonWebAlgorithmsKeyTypes.EllipticCurve:
                return ToECDsa(jwk, optionName);
            case JsonWebAlgorithmsKeyTypes.Octet:
                throw SigningKeyException.For(optionName, "the JWK is a symmetric key (\"kty\":\"oct\"); only asymmetric keys are supported. Use an RSA or EC private JWK.");
            default:
                throw SigningKeyException.For(optionName, $"the JWK key type '{jwk.Kty}' is not supported. Use an RSA or EC private JWK.");
        }
    }

    /// <summary>Builds the public JWK (kty, use, alg, kid, n/e or crv/x/y) of a key.</summary>
    public static JsonWebKey ToPublicJwk(AsymmetricAlgorithm key, string algorithm, string? keyId)
    {
        switch (key)
        {
            case RSA rsa:
            {
                var p = rsa.ExportParameters(includePrivateParameters: false);
                return new JsonWebKey
                {
                    Kty = JsonWebAlgorithmsKeyTypes.RSA,
                    Use = JsonWebKeyUseNames.Sig,
                    Alg = algorithm,
                    Kid = keyId,
                    N = Base64UrlEncoder.Encode(p.Modulus),
                    E = Base64UrlEncoder.Encode(p.Exponent),
                };
            }

            case ECDsa ec:
            {
                var p = ec.ExportParameters(includePrivateParameters: false);
                return new JsonWebKey
                {
                    Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve,
                    Use = JsonWebKeyUseNames.Sig,
                    Alg = algorithm,
                    Kid = keyId,
                    Crv = CurveName(p.Curve) ?? throw new InvalidOperationException("Unsupported curve."),
                    X = Base64UrlEncoder.Encode(p.Q.X),
                    Y = Base64UrlEncoder.Encode(p.Q.Y),
                };
            }

            default:
                throw new ArgumentException("Only RSA and ECDsa keys are supported.", nameof(key));
        }
    }

    /// <summary>The RFC 7638 JWK thumbprint (base64url SHA-256) of a public JWK.</summary>
    public static string Thumbprint(JsonWebKey publicJwk) => Base64UrlEncoder.Encode(publicJwk.ComputeJwkThumbprint());

    /// <summary>The JWK curve name (<c>P-256</c>, <c>P-384</c>, <c>P-521</c>) of a named curve, or <see langword="null"/>.</summary>
    public static string? CurveName(ECCurve curve)
    {
        if (!curve.IsNamed || curve.Oid is null)
        {
            return null;
        }

        return curve.Oid.Value switch
        {
            "1.2.840.10045.3.1.7" => JsonWebKeyECTypes.P256,
            "1.3.132.0.34" => JsonWebKeyECTypes.P384,
            "1.3.132.0.35" => JsonWebKeyECTypes.P521,
            _ => curve.Oid.FriendlyName switch
            {
                "nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1" => JsonWebKeyECTypes.P256,
                "nistP384" or "ECDSA_P384" or "secp384r1" => JsonWebKeyECTypes.P384,
                "nistP521" or "ECDSA_P521" or "secp521r1" => JsonWebKeyECTypes.P521,
                _ => null,
            },
        };
    }

    /// <summary>Writes a JWK object with members in RFC order, omitting absent ones.</summary>
    public static void Write(Utf8JsonWriter writer, JsonWebKey jwk)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(jwk);
        writer.WriteStartObject();
        WriteIfPresent(writer, "kty", jwk.Kty);
        WriteIfPresent(writer, "use", jwk.Use);
        WriteIfPresent(writer, "alg", jwk.Alg);
        WriteIfPresent(writer, "kid", jwk.Kid);
        WriteIfPresent(writer, "n", jwk.N);
        WriteIfPresent(writer, "e", jwk.E);
        WriteIfPresent(writer, "crv", jwk.Crv);
        WriteIfPresent(writer, "x", jwk.X);
        WriteIfPresent(writer, "y", jwk.Y);
        WriteIfPresent(writer, "d", jwk.D);
        WriteIfPresent(writer, "p", jwk.P);
        WriteIfPresent(writer, "q", jwk.Q);
        WriteIfPresent(writer, "dp", jwk.DP);
        WriteIfPresent(writer, "dq", jwk.DQ);
        WriteIfPresent(writer, "qi", jwk.QI);
        writer.WriteEndObject();
    }

    /// <summary>Builds the private JWK of a key (used only for the development key file).</summary>
    public static JsonWebKey ToPrivateJwk(AsymmetricAlgorithm key, string algorithm, string keyId)
    {
        var jwk = ToPublicJwk(key, algorithm, keyId);
        switch (key)
        {
            case RSA rsa:
            {
                var p = rsa.ExportParameters(includePrivateParameters: true);
                jwk.D = Base64UrlEncoder.Encode(p.D);
                jwk.P = Base64UrlEncoder.Encode(p.P);
                jwk.Q = Base64UrlEncoder.Encode(p.Q);
                jwk.DP = Base64UrlEncoder.Encode(p.DP);
                jwk.DQ = Base64UrlEncoder.Encode(p.DQ);
                jwk.QI = Base64UrlEncoder.Encode(p.InverseQ);
                break;
            }

            case ECDsa ec:
                jwk.D = Base64UrlEncoder.Encode(ec.ExportParameters(includePrivateParameters: true).D);
                break;
        }

        return jwk;
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }

    private static RSA ToRsa(JsonWebKey jwk, string optionName)
    {
        if (string.IsNullOrEmpty(jwk.D))
        {
            throw SigningKeyException.For(optionName, "the JWK has no private key (member 'd'), so it cannot sign. Provide the private JWK, not the public one published in a JWKS.");
        }

        if (string.IsNullOrEmpty(jwk.N) || string.IsNullOrEmpty(jwk.E))
        {
            throw SigningKeyException.For(optionName, "the RSA JWK lacks 'n' or 'e'. Provide a complete private RSA JWK.");
        }

        if (string.IsNullOrEmpty(jwk.P) || string.IsNullOrEmpty(jwk.Q) || string.IsNullOrEmpty(jwk.DP) || string.IsNullOrEmpty(jwk.DQ) || string.IsNullOrEmpty(jwk.QI))
        {
            throw SigningKeyException.For(optionName, "the RSA JWK lacks one of the CRT members 'p', 'q', 'dp', 'dq', 'qi'. Provide a complete private RSA JWK.");
        }

        RSAParameters parameters;
        try
        {
            var modulus = TrimLeadingZeros(Base64UrlEncoder.DecodeBytes(jwk.N));
            var half = (modulus.Length + 1) / 2;
            parameters = new RSAParameters
            {
                Modulus = modulus,
                Exponent = TrimLeadingZeros(Base64UrlEncoder.DecodeBytes(jwk.E)),
                D = Pad(Base64UrlEncoder.DecodeBytes(jwk.D), modulus.Length),
                P = Pad(Base64UrlEncoder.DecodeBytes(jwk.P), half),
                Q = Pad(Base64UrlEncoder.DecodeBytes(jwk.Q), half),
                DP = Pad(Base64UrlEncoder.DecodeBytes(jwk.DP), half),
                DQ = Pad(Base64UrlEncoder.DecodeBytes(jwk.DQ), half),
                InverseQ = Pad(Base64UrlEncoder.DecodeBytes(jwk.QI), half),
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw SigningKeyException.For(optionName, "the RSA JWK has a member that is not valid base64url. Provide a complete private RSA JWK.");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
            return rsa;
        }
        catch (CryptographicException ex)
        {
            rsa.Dispose();
            throw SigningKeyException.For(optionName, "the RSA JWK is not a consistent RSA private key. Provide a complete, unmodified private RSA JWK.", ex);
        }
        finally
        {
            Clear(parameters.D, parameters.P, parameters.Q, parameters.DP, parameters.DQ, parameters.InverseQ);
        }
    }

    private static ECDsa ToECDsa(JsonWebKey jwk, string optionName)
    {
        if (string.IsNullOrEmpty(jwk.D))
        {
            throw SigningKeyException.For(optionName, "the JWK has no private key (member 'd'), so it cannot sign. Provide the private JWK, not the public one published in a JWKS.");
        }

        var (curve, size) = jwk.Crv switch
        {
            JsonWebKeyECTypes.P256 => (ECCurve.NamedCurves.nistP256, 32),
            JsonWebKeyECTypes.P384 => (ECCurve.NamedCurves.nistP384, 48),
            JsonWebKeyECTypes.P521 => (ECCurve.NamedCurves.nistP521, 66),
            _ => throw SigningKeyException.For(optionName, $"the EC JWK curve '{jwk.Crv}' is not supported. Use a P-256 (ES256) or P-384 (ES384) key."),
        };

        if (string.IsNullOrEmpty(jwk.X) || string.IsNullOrEmpty(jwk.Y))
        {
            throw SigningKeyException.For(optionName, "the EC JWK lacks 'x' or 'y'. Provide a complete private EC JWK.");
        }

        ECParameters parameters;
        try
        {
            parameters = new ECParameters
            {
                Curve = curve,
                Q = new ECPoint { X = Pad(Base64UrlEncoder.DecodeBytes(jwk.X), size), Y = Pad(Base64UrlEncoder.DecodeBytes(jwk.Y), size) },
                D = Pad(Base64UrlEncoder.DecodeBytes(jwk.D), size),
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw SigningKeyException.For(optionName, "the EC JWK has a member that is not valid base64url. Provide a complete private EC JWK.");
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportParameters(parameters);
            return ec;
        }
        catch (CryptographicException ex)
        {
            ec.Dispose();
            throw SigningKeyException.For(optionName, "the EC JWK is not a consistent EC private key. Provide a complete, unmodified private EC JWK.", ex);
        }
        finally
        {
            Clear(parameters.D);
        }
    }

    private static byte[] Pad(byte[] value, int length)
    {
        value = TrimLeadingZeros(value);
        if (value.Length > length)
        {
            throw new ArgumentException("Value too long.", nameof(value));
        }

        if (value.Length == length)
        {
            return value;
        }

        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        CryptographicOperations.ZeroMemory(value);
        return padded;
    }

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return start == 0 ? value : value[start..];
    }

    private static void Clear(params byte[]?[] values)
    {
        foreach (var value in values)
        {
            if (value is not null)
            {
                CryptographicOperations.ZeroMemory(value);
            }
        }
    }
}
