using System.Text.Json;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tests.Signing;

public sealed class SigningKeyRingTests
{
    private static readonly SmartSigningKey ActiveRsa = SigningTestKeys.Rsa("rsa-active");
    private static readonly SmartSigningKey RetiredRsa = SigningTestKeys.Rsa("rsa-old", retired: true);
    private static readonly SmartSigningKey ActiveEc = SigningTestKeys.Ec("ec-active");
    private static readonly SmartSigningKey RetiredEc = SigningTestKeys.Ec("ec-old", retired: true);

    [Fact]
    public void Ctor_ActiveRs256AndEs256_ExposesKeysByRole()
    {
        var ring = new SigningKeyRing([ActiveRsa, ActiveEc], "ES256");

        ring.IdTokenKey.Should().BeSameAs(ActiveRsa);
        ring.AccessTokenKey.Should().BeSameAs(ActiveEc);
        ring.GetActiveKey("RS256").Should().BeSameAs(ActiveRsa);
        ring.TryGetActiveKey("RS384", out _).Should().BeFalse();
    }

    [Fact]
    public void Ctor_Rotation_PublishesBothAndSignsWithNew()
    {
        var ring = new SigningKeyRing([RetiredRsa, ActiveRsa], "RS256");

        ring.IdTokenKey.Should().BeSameAs(ActiveRsa);
        ring.AccessTokenKey.Should().BeSameAs(ActiveRsa);
        Kids(ring.JwksJson).Should().Equal("rsa-active", "rsa-old");
        ring.ValidationKeys.Should().Equal(ActiveRsa.Key, RetiredRsa.Key);
    }

    [Fact]
    public void GetActiveKey_OnlyRetiredKeyForAlgorithm_NeverReturnsIt()
    {
        var ring = new SigningKeyRing([ActiveRsa, RetiredEc], "RS256");

        ring.TryGetActiveKey("ES256", out var key).Should().BeFalse();
        key.Should().BeNull();
        var act = () => ring.GetActiveKey("ES256");
        act.Should().Throw<InvalidOperationException>().WithMessage("No active signing key for algorithm 'ES256'*");
        Kids(ring.JwksJson).Should().Contain("ec-old");
    }

    [Fact]
    public void JwksJson_AllKeys_HasNoPrivateMembersAndRfcMemberOrder()
    {
        var ring = new SigningKeyRing([ActiveRsa, ActiveEc, RetiredRsa, RetiredEc], "RS256");

        using var document = JsonDocument.Parse(ring.JwksJson);
        document.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("keys");
        var keys = document.RootElement.GetProperty("keys").EnumerateArray().ToList();
        keys.Should().HaveCount(4);
        foreach (var key in keys)
        {
            var names = key.EnumerateObject().Select(p => p.Name).ToList();
            names.Should().NotContain(["d", "p", "q", "dp", "dq", "qi", "k"]);
            names.Should().Equal(key.GetProperty("kty").GetString() == "RSA"
                ? ["kty", "use", "alg", "kid", "n", "e"]
                : ["kty", "use", "alg", "kid", "crv", "x", "y"]);
            key.EnumerateObject().Should().AllSatisfy(p => p.Value.ValueKind.Should().Be(JsonValueKind.String));
        }

        ring.JwksJson.Should().NotContain("\"d\"").And.NotContain("\"qi\"").And.NotContain("null");
    }

    [Fact]
    public void JwksJson_ActiveKeysFirst_ThenRetired()
    {
        var ring = new SigningKeyRing([RetiredEc, ActiveRsa, RetiredRsa, ActiveEc], "RS256");

        Kids(ring.JwksJson).Should().Equal("rsa-active", "ec-active", "ec-old", "rsa-old");
    }

    [Fact]
    public void Ctor_DuplicateKeyId_Throws()
    {
        var act = () => new SigningKeyRing([ActiveRsa, SigningTestKeys.Ec("rsa-active")], "RS256");

        act.Should().Throw<SigningKeyException>()
            .WithMessage("KeyId: key id 'rsa-active' is already used by key 0. Key ids must be unique*");
    }

    [Fact]
    public void Ctor_TwoActiveRs256_Throws()
    {
        var act = () => new SigningKeyRing([ActiveRsa, SigningTestKeys.Rsa("rsa-2")], "RS256");

        act.Should().Throw<SigningKeyException>()
            .WithMessage("Retired: key 'rsa-2' is a second active RS256 key (key 0 is active too). At most one key per algorithm may be active: set Retired to true on the older key.");
    }

    [Fact]
    public void Ctor_NoActiveRs256_Throws()
    {
        var act = () => new SigningKeyRing([RetiredRsa, ActiveEc], "ES256");

        act.Should().Throw<SigningKeyException>()
            .WithMessage("Keys: no active RS256 key. OpenID Connect requires RS256-signed id_tokens (OIDC-1)*");
    }

    [Fact]
    public void Ctor_AccessTokenAlgorithmWithoutActiveKey_Throws()
    {
        var act = () => new SigningKeyRing([ActiveRsa, RetiredEc], "ES256");

        act.Should().Throw<SigningKeyException>()
            .WithMessage("AccessTokenAlgorithm: no active ES256 key to sign access tokens. Add a key with Algorithm 'ES256' that is not Retired*");
    }

    [Fact]
    public void Ctor_SeveralProblems_ListsAll()
    {
        var act = () => new SigningKeyRing([ActiveEc, SigningTestKeys.Ec("ec-active")], "ES384");

        var exception = act.Should().Throw<SigningKeyException>().Which;
        exception.Problems.Select(p => p.OptionName).Should().Equal("KeyId", "Retired", "Keys", "AccessTokenAlgorithm");
        exception.Message.Should().StartWith("The signing key configuration is invalid:")
            .And.Contain("- KeyId: key id 'ec-active'")
            .And.Contain("- Keys: no active RS256 key")
            .And.Contain("- AccessTokenAlgorithm: no active ES384 key");
    }

    [Fact]
    public void Ctor_UnsupportedAccessTokenAlgorithm_Throws()
    {
        var act = () => new SigningKeyRing([ActiveRsa], "HS256");

        act.Should().Throw<SigningKeyException>().WithMessage("AccessTokenAlgorithm: algorithm 'HS256' is not supported*");
    }

    private static List<string?> Kids(string jwks)
    {
        using var document = JsonDocument.Parse(jwks);
        return document.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
    }
}
