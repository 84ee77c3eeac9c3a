using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tests.Signing;

public sealed class SigningKeyValidationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Validate_ValidKeys_ReturnsEmpty()
    {
        var options = Options("ES256", SigningTestKeys.RsaOptions(), SigningTestKeys.EcOptions(), SigningTestKeys.RsaOptions(retired: true));

        SigningKeyValidation.Validate(options, _temp.Path).Should().BeEmpty();
    }

    [Fact]
    public void Validate_MissingFile_NamesOptionPath()
    {
        var options = Options("RS256", SigningTestKeys.RsaOptions(), new SmartSigningKeyOptions { PemFile = "x.pem", Retired = true });

        SigningKeyValidation.Validate(options, _temp.Path).Should().ContainSingle()
            .Which.Should().Be($"Smart:Signing:Keys:1:PemFile: file '{Path.Combine(_temp.Path, "x.pem")}' not found. Check the path; relative paths are resolved against the content root '{_temp.Path}'.");
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllAtOnce()
    {
        var options = Options(
            "ES384",
            new SmartSigningKeyOptions { Retired = true },
            new SmartSigningKeyOptions { Pem = SigningTestKeys.RsaPkcs8Pem(), Algorithm = "HS256" },
            SigningTestKeys.EcOptions("dup"),
            SigningTestKeys.EcOptions("dup", retired: true));

        var messages = SigningKeyValidation.Validate(options, _temp.Path);

        messages.Should().Equal(
            "Smart:Signing:Keys:0: no key source is set. Set exactly one of Pem, PemFile, Jwk, JwkFile or CertificateFile.",
            "Smart:Signing:Keys:1:Algorithm: algorithm 'HS256' is not supported. Use RS256, RS384, ES256 or ES384 (only asymmetric algorithms are supported).",
            "Smart:Signing:Keys:3:KeyId: key id 'dup' is already used by key 2. Key ids must be unique: set a different KeyId, or remove the duplicate key.",
            "Smart:Signing:Keys: no active RS256 key. OpenID Connect requires RS256-signed id_tokens (OIDC-1): add a key with Algorithm 'RS256' (RSA, 2048 bits or more) that is not Retired.",
            "Smart:Signing:AccessTokenAlgorithm: no active ES384 key to sign access tokens. Add a key with Algorithm 'ES384' that is not Retired, or set AccessTokenAlgorithm to the algorithm of an active key.");
    }

    [Fact]
    public void Validate_FailedActiveRs256Key_ReportsOnlyItsOwnProblem()
    {
        var options = Options("RS256", new SmartSigningKeyOptions { PemFile = "missing.pem" });

        SigningKeyValidation.Validate(options, _temp.Path).Should().ContainSingle()
            .Which.Should().StartWith("Smart:Signing:Keys:0:PemFile: file '");
    }

    [Fact]
    public void Validate_TwoActiveRs256_NamesSecondKeyRetired()
    {
        var options = Options("RS256", SigningTestKeys.RsaOptions("a"), SigningTestKeys.RsaOptions("b"));

        SigningKeyValidation.Validate(options, _temp.Path).Should().ContainSingle()
            .Which.Should().StartWith("Smart:Signing:Keys:1:Retired: key 'b' is a second active RS256 key");
    }

    [Fact]
    public void Validate_CustomSection_PrefixesMessages()
    {
        var messages = SigningKeyValidation.Validate(Options("RS256"), _temp.Path, "Auth:Signing");

        messages.Should().ContainSingle().Which.Should().StartWith("Auth:Signing:Keys: no active RS256 key.");
    }

    private static SmartSigningOptions Options(string accessTokenAlgorithm, params SmartSigningKeyOptions[] keys)
    {
        var options = new SmartSigningOptions { AccessTokenAlgorithm = accessTokenAlgorithm };
        foreach (var key in keys)
        {
            options.Keys.Add(key);
        }

        return options;
    }
}
