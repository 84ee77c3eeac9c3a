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
}
