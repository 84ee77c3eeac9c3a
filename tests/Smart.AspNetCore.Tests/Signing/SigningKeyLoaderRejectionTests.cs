using System.Security.Cryptography;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tests.Signing;

public sealed class SigningKeyLoaderRejectionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_NoSource_ThrowsListingSources()
    {
        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions(), _temp.Path);

        act.Should().Throw<SigningKeyException>()
            .WithMessage("no key source is set. Set exactly one of Pem, PemFile, Jwk, JwkFile or CertificateFile.");
    }

    [Fact]
    public void Load_TwoSources_ThrowsNamingBoth()
    {
        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = "x", JwkFile = "y.json" }, _temp.Path);

        act.Should().Throw<SigningKeyException>()
            .WithMessage("more than one key source is set (Pem, JwkFile). Set exactly one of Pem, PemFile, Jwk, JwkFile or CertificateFile.");
    }

    [Fact]
    public void Load_MissingFile_ThrowsWithResolvedPath()
    {
        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { PemFile = "keys/missing.pem" }, _temp.Path);

        var expected = Path.Combine(_temp.Path, "keys", "missing.pem");
        act.Should().Throw<SigningKeyException>()
            .Which.Message.Should().Be($"PemFile: file '{expected}' not found. Check the path; relative paths are resolved against the content root '{_temp.Path}'.");
    }

    [Fact]
    public void Load_PublicOnlyPem_ThrowsPrivateKeyRequired()
    {
        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = SigningTestKeys.RsaPublicPem() }, _temp.Path);

        act.Should().Throw<SigningKeyException>()
            .WithMessage("Pem: the PEM contains only a public key or certificate, but a private key is required to sign.*");
    }

    [Fact]
    public void Load_PublicOnlyJwk_ThrowsPrivateKeyRequired()
    {
        var publicJwk = SigningTestKeys.Rsa().PublicJwk;
        var json = $$"""{"kty":"RSA","n":"{{publicJwk.N}}","e":"{{publicJwk.E}}"}""";

        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Jwk = json }, _temp.Path);

        act.Should().Throw<SigningKeyException>()
            .WithMessage("Jwk: the JWK has no private key (member 'd'), so it cannot sign.*");
    }

    [Fact]
    public void Load_Rsa1024_ThrowsMinimum2048()
    {
        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = SigningTestKeys.RsaPkcs8Pem(1024) }, _temp.Path);

        act.Should().Throw<SigningKeyException>()
            .WithMessage("Pem: the RSA key has 1024 bits, but RS256 requires at least 2048 bits. Generate a 2048-bit or larger RSA key.");
    }

    [Fact]
    public void Load_P256KeyForEs384_ThrowsWrongCurve()
    {
        var options = new SmartSigningKeyOptions { Pem = SigningTestKeys.EcSec1Pem(ECCurve.NamedCurves.nistP256), Algorithm = "ES384" };

        var act = () => SigningKeyLoader.Load(options, _temp.Path);

        act.Should().Throw<SigningKeyException>()
            .WithMessage("Pem: the EC key uses curve P-256, but ES384 requires P-384. Use a P-384 key or set Algorithm to ES256 to match the key.");
    }

    [Fact]
    public void Load_EcKeyForRs256_ThrowsWrongKeyType()
    {
        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = SigningTestKeys.EcSec1Pem(ECCurve.NamedCurves.nistP256) }, _temp.Path);

        act.Should().Throw<SigningKeyException>()
            .WithMessage("Pem: the key is an EC key, but RS256 requires an RSA key.*");
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("PS256")]
    public void Load_UnsupportedAlgorithm_Throws(string algorithm)
    {
        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = SigningTestKeys.RsaPkcs8Pem(), Algorithm = algorithm }, _temp.Path);

        act.Should().Throw<SigningKeyException>()
            .Which.Message.Should().Be($"Algorithm: algorithm '{algorithm}' is not supported. Use RS256, RS384, ES256 or ES384 (only asymmetric algorithms are supported).");
    }

    [Fact]
    public void Load_SymmetricJwk_Throws()
    {
        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Jwk = """{"kty":"oct","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"}""" }, _temp.Path);

        act.Should().Throw<SigningKeyException>().WithMessage("Jwk: the JWK is a symmetric key*");
    }

    [Fact]
    public void Load_JwkAlgDiffersFromAlgorithm_Throws()
    {
        var jwk = SigningKeyLoaderTests.PrivateJwk(SigningTestKeys.Ec(), "k");

        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Jwk = jwk }, _temp.Path);

        act.Should().Throw<SigningKeyException>().WithMessage("Jwk: the JWK has \"alg\":\"ES256\" but Algorithm is 'RS256'. Set Algorithm to 'ES256'*");
    }

    [Fact]
    public void Load_InvalidJwkJson_ThrowsWithoutEchoingInput()
    {
        const string secretLooking = "{\"kty\":\"RSA\",\"d\":\"SECRET-MATERIAL\"";

        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Jwk = secretLooking }, _temp.Path);

        var exception = act.Should().Throw<SigningKeyException>().Which;
        exception.Message.Should().StartWith("Jwk: is not a valid JSON Web Key").And.NotContain("SECRET");
        exception.InnerException.Should().BeNull();
    }

    [Fact]
    public void Load_EncryptedPkcs8_ThrowsNotSupported()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = pem }, _temp.Path);

        act.Should().Throw<SigningKeyException>().WithMessage("Pem: the PEM private key is encrypted, which is not supported.*");
    }

    [Fact]
    public void Load_PemCertificateWithoutKey_ThrowsAskingForKeyFile()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SigningKeyLoaderTests.SelfSigned(rsa);
        _temp.Write("cert.pem", certificate.ExportCertificatePem());

        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { CertificateFile = "cert.pem" }, _temp.Path);

        act.Should().Throw<SigningKeyException>().WithMessage("CertificateFile: the PEM certificate '*cert.pem' has no private key with it. Set CertificateKeyFile*");
    }

    [Fact]
    public void Load_Pkcs12WithoutPrivateKey_Throws()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SigningKeyLoaderTests.SelfSigned(rsa);
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData);
        _temp.Write("public.pfx", publicOnly.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "pw"));

        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { CertificateFile = "public.pfx", CertificatePassword = "pw" }, _temp.Path);

        act.Should().Throw<SigningKeyException>().WithMessage("CertificateFile: the certificate in '*public.pfx' has no private key.*");
    }

    [Fact]
    public void Load_Rejection_MessageNeverContainsKeyMaterial()
    {
        var pem = SigningTestKeys.RsaPkcs8Pem(1024);
        var base64Line = pem.Split('\n')[1];

        var act = () => SigningKeyLoader.Load(new SmartSigningKeyOptions { Pem = pem }, _temp.Path);

        act.Should().Throw<SigningKeyException>().Which.Message.Should().NotContain(base64Line[..20]);
    }
}
