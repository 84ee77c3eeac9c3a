using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Tests.Token;

public class PkceTests
{
    // RFC 7636 Appendix B.
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    [Fact]
    public void Verify_Rfc7636Example_Matches() => Pkce.Verify(Verifier, Challenge).Should().BeTrue();

    [Fact]
    public void CreateChallenge_Rfc7636Example_Matches() => Pkce.CreateChallenge(Verifier).Should().Be(Challenge);

    [Theory] // TOKEN-4: missing, blank, random, and the challenge itself ("plain") all fail.
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl")]
    [InlineData(Challenge)]
    [InlineData("short")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk!")]
    public void Verify_WrongVerifier_Fails(string? verifier) => Pkce.Verify(verifier, Challenge).Should().BeFalse();

    [Fact]
    public void Verify_TooLongVerifier_Fails() => Pkce.Verify(new string('a', 129), Pkce.CreateChallenge(new string('a', 129))).Should().BeFalse();

    [Fact] // TOKEN-4: the longest verifier RFC 7636 allows still verifies.
    public void Verify_MaxLengthVerifier_Matches() => Pkce.Verify(new string('~', 128), Pkce.CreateChallenge(new string('~', 128))).Should().BeTrue();

    [Theory] // TOKEN-4: a stored challenge that is not exactly the S256 transform never matches.
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM=")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cé")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c?")]
    [InlineData("")]
    public void Verify_MalformedChallenge_Fails(string challenge) => Pkce.Verify(Verifier, challenge).Should().BeFalse();

    [Fact] // TOKEN-4: agrees with the plain definition BASE64URL(SHA256(ASCII(verifier))) == challenge, for any verifier.
    public void Verify_AgreesWithDefinition() =>
        Gen.Select(Gen.Char["abcXYZ0189-._~"].Array[43, 128], Gen.Bool).Sample((chars, sameVerifier) =>
        {
            var verifier = new string(chars);
            var challenge = sameVerifier ? Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) : Pkce.CreateChallenge(verifier + "a");
            return Pkce.Verify(verifier, challenge) == sameVerifier;
        }, iter: 500);
}
