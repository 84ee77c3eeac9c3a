using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tests.Signing;

/// <summary>Key material made fresh for each test, and a sign-then-validate round trip.</summary>
internal static class SigningTestKeys
{
    public static string RsaPkcs8Pem(int bits = 2048)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    public static string RsaPkcs1Pem(int bits = 2048)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportRSAPrivateKeyPem();
    }

    public static string EcSec1Pem(ECCurve curve)
    {
        using var ec = ECDsa.Create(curve);
        return ec.ExportECPrivateKeyPem();
    }

    public static string RsaPublicPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    public static SmartSigningKeyOptions RsaOptions(string? keyId = null, bool retired = false, string algorithm = SmartSigningAlgorithms.RS256) =>
        new() { Pem = RsaPkcs8Pem(), KeyId = keyId, Retired = retired, Algorithm = algorithm };

    public static SmartSigningKeyOptions EcOptions(string? keyId = null, bool retired = false) =>
        new() { Pem = EcSec1Pem(ECCurve.NamedCurves.nistP256), KeyId = keyId, Retired = retired, Algorithm = SmartSigningAlgorithms.ES256 };

    public static SmartSigningKey Rsa(string? keyId = null, bool retired = false) => SigningKeyLoader.Load(RsaOptions(keyId, retired), ".");

    public static SmartSigningKey Ec(string? keyId = null, bool retired = false) => SigningKeyLoader.Load(EcOptions(keyId, retired), ".");

    /// <summary>
    /// Signs a token with <paramref name="key"/>, then validates it with the public JWK parsed back from the JWKS of a
    /// ring holding the key; returns the token's header.
    /// </summary>
    public static async Task<JsonWebToken> SignAndValidateAsync(SmartSigningKey key)
    {
        var ring = key.Algorithm == SmartSigningAlgorithms.RS256
            ? new SigningKeyRing([key], SmartSigningAlgorithms.RS256)
            : new SigningKeyRing([key, Rsa()], SmartSigningAlgorithms.RS256);

        var handler = new JsonWebTokenHandler();
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://ehr.example",
            Audience = "https://ehr.example/fhir",
            Claims = new Dictionary<string, object> { ["sub"] = "user-1" },
            SigningCredentials = key.Credentials,
        });

        using var jwks = JsonDocument.Parse(ring.JwksJson);
        var jwkJson = jwks.RootElement.GetProperty("keys").EnumerateArray()
            .Single(k => k.GetProperty("kid").GetString() == key.KeyId).GetRawText();
        var publicJwk = new JsonWebKey(jwkJson);
        publicJwk.HasPrivateKey.Should().BeFalse();

        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "https://ehr.example",
            ValidAudience = "https://ehr.example/fhir",
            IssuerSigningKey = publicJwk,
            ValidAlgorithms = [key.Algorithm],
        });

        result.Exception.Should().BeNull();
        result.IsValid.Should().BeTrue();
        var jwt = new JsonWebToken(token);
        jwt.Kid.Should().Be(key.KeyId);
        jwt.Alg.Should().Be(key.Algorithm);
        return jwt;
    }
}
