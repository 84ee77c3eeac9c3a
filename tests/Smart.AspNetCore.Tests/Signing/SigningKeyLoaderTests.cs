using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tests.Signing;

public sealed class SigningKeyLoaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Load_PemPkcs8Rsa_SignsVerifiableToken()
    {
        var key = SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = SigningTestKeys.RsaPkcs8Pem(), KeyId = "rsa-1" }, _temp.Path);

        key.KeyId.Should().Be("rsa-1");
        key.Algorithm.Should().Be("RS256");
        key.Key.Should().BeOfType<RsaSecurityKey>();
        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public async Task Load_PemFilePkcs1RsaRelativePath_ResolvesAgainstContentRoot()
    {
        _temp.Write("rsa.pem", SigningTestKeys.RsaPkcs1Pem(3072));

        var key = SigningKeyLoader.Load(new SmartSigningKeyOptions { PemFile = "rsa.pem", Algorithm = "RS384" }, _temp.Path);

        key.Algorithm.Should().Be("RS384");
        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public async Task Load_PemSec1EcP256_SignsEs256()
    {
        var key = SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = SigningTestKeys.EcSec1Pem(ECCurve.NamedCurves.nistP256), Algorithm = "ES256" }, _temp.Path);

        key.PublicJwk.Crv.Should().Be("P-256");
        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public async Task Load_PemSec1EcP384_SignsEs384()
    {
        var key = SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = SigningTestKeys.EcSec1Pem(ECCurve.NamedCurves.nistP384), Algorithm = "ES384" }, _temp.Path);

        key.PublicJwk.Crv.Should().Be("P-384");
        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public async Task Load_PemPkcs8Ec_SignsEs256()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var key = SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = ec.ExportPkcs8PrivateKeyPem(), Algorithm = "ES256" }, _temp.Path);

        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public async Task Load_JwkRsa_UsesJwkKidAndSigns()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        var jwk = JsonSerializer.Serialize(new
        {
            kty = "RSA",
            kid = "jwk-rsa",
            n = Base64UrlEncoder.Encode(p.Modulus),
            e = Base64UrlEncoder.Encode(p.Exponent),
            d = Base64UrlEncoder.Encode(p.D),
            p = Base64UrlEncoder.Encode(p.P),
            q = Base64UrlEncoder.Encode(p.Q),
            dp = Base64UrlEncoder.Encode(p.DP),
            dq = Base64UrlEncoder.Encode(p.DQ),
            qi = Base64UrlEncoder.Encode(p.InverseQ),
        });

        var key = SigningKeyLoader.Load(new SmartSigningKeyOptions { Jwk = jwk }, _temp.Path);

        key.KeyId.Should().Be("jwk-rsa");
        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public async Task Load_JwkFileEc_Signs()
    {
        var path = _temp.Write("ec.jwk.json", PrivateJwk(SigningTestKeys.Ec(), kid: "jwk-ec"));

        var key = SigningKeyLoader.Load(new SmartSigningKeyOptions { JwkFile = path, Algorithm = "ES256" }, "/nonexistent");

        key.KeyId.Should().Be("jwk-ec");
        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public async Task Load_Pkcs12WithPassword_Signs()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(rsa);
        _temp.Write("signing.pfx", certificate.Export(X509ContentType.Pkcs12, "s3cret"));

        var key = SigningKeyLoader.Load(new SmartSigningKeyOptions { CertificateFile = "signing.pfx", CertificatePassword = "s3cret" }, _temp.Path);

        key.PublicJwk.N.Should().Be(Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus));
        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public void Load_Pkcs12WrongPassword_ThrowsNamingPassword()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(rsa);
        _temp.Write("signing.pfx", certificate.Export(X509ContentType.Pkcs12, "s3cret"));

        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { CertificateFile = "signing.pfx", CertificatePassword = "wrong" }, _temp.Path);

        act.Should().Throw<SigningKeyException>().WithMessage("CertificateFile: *could not be read as PKCS#12*Check CertificatePassword*");
    }

    [Fact]
    public async Task Load_PemCertificateWithKeyFile_Signs()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = SelfSigned(ec);
        _temp.Write("cert.pem", certificate.ExportCertificatePem());
        _temp.Write("cert.key", ec.ExportPkcs8PrivateKeyPem());

        var key = SigningKeyLoader.Load(new SmartSigningKeyOptions { CertificateFile = "cert.pem", CertificateKeyFile = "cert.key", Algorithm = "ES256" }, _temp.Path);

        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public void Load_PemCertificateWithOtherKey_ThrowsMismatch()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(rsa);
        _temp.Write("cert.pem", certificate.ExportCertificatePem());
        _temp.Write("other.key", SigningTestKeys.RsaPkcs8Pem());

        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { CertificateFile = "cert.pem", CertificateKeyFile = "other.key" }, _temp.Path);

        act.Should().Throw<SigningKeyException>().WithMessage("CertificateKeyFile: the private key does not match the certificate*");
    }

    [Fact]
    public void Load_NoKeyId_UsesRfc7638Thumbprint()
    {
        var key = SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = SigningTestKeys.RsaPkcs8Pem() }, _temp.Path);

        var expected = Base64UrlEncoder.Encode(new JsonWebKey { Kty = "RSA", N = key.PublicJwk.N, E = key.PublicJwk.E }.ComputeJwkThumbprint());
        key.KeyId.Should().Be(expected).And.HaveLength(43);
        key.Key.KeyId.Should().Be(expected);
        key.PublicJwk.Kid.Should().Be(expected);
    }

    [Fact]
    public void Load_Rsa_PublicJwkHasOnlyPublicMembers()
    {
        var key = SigningTestKeys.Rsa("k1");

        key.PublicJwk.Should().BeEquivalentTo(new { Kty = "RSA", Use = "sig", Alg = "RS256", Kid = "k1" }, o => o.ExcludingMissingMembers());
        key.PublicJwk.HasPrivateKey.Should().BeFalse();
        new[] { key.PublicJwk.D, key.PublicJwk.P, key.PublicJwk.Q, key.PublicJwk.DP, key.PublicJwk.DQ, key.PublicJwk.QI }.Should().AllSatisfy(v => v.Should().BeNull());
    }

    [Fact]
    public async Task FromSecurityKey_RsaSecurityKey_SignsWithGivenKid()
    {
        using var rsa = RSA.Create(2048);

        var key = SigningKeyLoader.FromSecurityKey(new RsaSecurityKey(rsa), "RS256", "code-key", retired: false);

        key.KeyId.Should().Be("code-key");
        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public async Task FromSecurityKey_ECDsaSecurityKeyWithOwnKid_UsesItsKid()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        var key = SigningKeyLoader.FromSecurityKey(new ECDsaSecurityKey(ec) { KeyId = "own" }, "ES384", null, retired: false);

        key.KeyId.Should().Be("own");
        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public async Task FromSecurityKey_X509SecurityKey_Signs()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(rsa);

        var key = SigningKeyLoader.FromSecurityKey(new X509SecurityKey(certificate), "RS256", "x509", retired: false);

        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public async Task FromSecurityKey_PrivateJsonWebKey_Signs()
    {
        var jwk = new JsonWebKey(PrivateJwk(SigningTestKeys.Ec(), kid: "j"));

        var key = SigningKeyLoader.FromSecurityKey(jwk, "ES256", null, retired: true);

        key.Retired.Should().BeTrue();
        await SigningTestKeys.SignAndValidateAsync(key);
    }

    [Fact]
    public void FromSecurityKey_SymmetricKey_Throws()
    {
        var act = () => SigningKeyLoader.FromSecurityKey(new SymmetricSecurityKey(new byte[32]), "RS256", null, retired: false);

        act.Should().Throw<SigningKeyException>().WithMessage("*SymmetricSecurityKey are not supported; only asymmetric keys are*");
    }

    [Fact]
    public void FromSecurityKey_PublicOnlyRsa_Throws()
    {
        using var rsa = RSA.Create(2048);
        var publicKey = new RsaSecurityKey(rsa.ExportParameters(false));

        var act = () => SigningKeyLoader.FromSecurityKey(publicKey, "RS256", null, retired: false);

        act.Should().Throw<SigningKeyException>().WithMessage("*has no private key, so it cannot sign*");
    }

    internal static X509Certificate2 SelfSigned(AsymmetricAlgorithm key)
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest("CN=smart-signing-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest("CN=smart-signing-test", ec, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("Unsupported key.", nameof(key)),
        };
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>The private JWK of a test key (exported through the library's own writer).</summary>
    internal static string PrivateJwk(SmartSigningKey key, string kid)
    {
        AsymmetricAlgorithm algorithm = key.Key switch
        {
            RsaSecurityKey r => r.Rsa,
            ECDsaSecurityKey e => e.ECDsa,
            _ => throw new ArgumentException("Unsupported key.", nameof(key)),
        };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            JwkKeyConverter.Write(writer, JwkKeyConverter.ToPrivateJwk(algorithm, key.Algorithm, kid));
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
