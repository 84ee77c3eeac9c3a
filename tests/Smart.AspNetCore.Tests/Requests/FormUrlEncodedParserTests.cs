using System.Reflection;
using System.Text;
using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Requests;
using Smart.AspNetCore.Tests.Generated;

namespace Smart.AspNetCore.Tests.Requests;

/// <summary>
/// The edge cases of <see cref="FormUrlEncodedParser"/> (issue 14, third pass; TOKEN-1), each as ASP.NET Core's
/// <c>FormReader</c> reads it: the expected pairs are written out and the oracle is asked too.
/// </summary>
public sealed class FormUrlEncodedParserTests
{
    private static readonly Encoding s_utf8 = Encoding.GetEncoding(Encoding.UTF8.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);

    [Theory]
    [InlineData("", "")]
    [InlineData("&&", "")]
    [InlineData("a=1&", "a:1")]
    [InlineData("a", "")]
    [InlineData("a=1&b", "a:1")]
    [InlineData("a&b=c", "a&b:c")]
    [InlineData("a=1&&b=2", "a:1|&b:2")]
    [InlineData("a=b=c", "a:b=c")]
    [InlineData("c=", "c:")]
    [InlineData("=", ":")]
    [InlineData("=x&=y", ":x,y")]
    [InlineData("a=1&A=2&b=3&a=4", "a:1,2,4|b:3")]
    [InlineData("Client_ID=x&client_id=y", "Client_ID:x,y")]
    [InlineData("a+b=c+d", "a b:c d")]
    [InlineData("%2B=%26%3D", "+:&=")]
    [InlineData("a=%zz%4", "a:%zz%4")]
    [InlineData("a=%", "a:%")]
    [InlineData("a=%C3%A9", "a:é")]
    [InlineData("a=%C3", "a:%C3")]
    [InlineData("a=%C3%28", "a:%C3(")]
    [InlineData("a=%FF%41", "a:%FFA")]
    [InlineData("a=%2541", "a:%41")]
    [InlineData("a=%0A", "a:\n")]
    public void Parse_EdgeCase_AsFormReader(string body, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var actual = FormUrlEncodedParser.Parse(bytes, s_utf8, 32, 64, 1024);

        Flatten(actual!).Should().Be(expected);
        Flatten(FormUrlEncodedParserProperties.Oracle(bytes, s_utf8, 32, 64, 1024)!).Should().Be(expected);
    }

    [Fact]
    public void Parse_InvalidUtf8Bytes_ReplacedAsTheDecodedBodyWas()
    {
        byte[] body = [(byte)'a', (byte)'=', 0xC3, (byte)'&', (byte)'b', (byte)'=', 0xFF, 0xC3, 0xA9];

        var actual = FormUrlEncodedParser.Parse(body, s_utf8, 32, 64, 1024);

        Flatten(actual!).Should().Be("a:?|b:?é");
        FormUrlEncodedParserProperties.AssertSame(actual, FormUrlEncodedParserProperties.Oracle(body, s_utf8, 32, 64, 1024), "invalid UTF-8");
    }

    [Fact]
    public void Parse_Latin1Bytes_OneCharacterEach_EscapesStillUtf8()
    {
        var latin1 = Encoding.GetEncoding(Encoding.Latin1.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        byte[] body = [(byte)'a', (byte)'=', 0xE9, .. "%E9%C3%A9"u8];

        var actual = FormUrlEncodedParser.Parse(body, latin1, 32, 64, 1024);

        Flatten(actual!).Should().Be("a:é%E9é");
        FormUrlEncodedParserProperties.AssertSame(actual, FormUrlEncodedParserProperties.Oracle(body, latin1, 32, 64, 1024), "Latin-1");
    }

    [Theory]
    [InlineData("a=1&b=2", 2, 8, 8, true)]
    [InlineData("a=1&b=2&c=3", 2, 8, 8, false)]
    [InlineData("a=1&b=2&c", 2, 8, 8, true)]
    [InlineData("a=1&b=2&c=", 2, 8, 8, false)]
    [InlineData("abcd=1", 8, 4, 8, true)]
    [InlineData("abcde=1", 8, 4, 8, false)]
    [InlineData("a=1&abcde", 8, 4, 8, false)]
    [InlineData("%41%41=1", 8, 5, 8, false)]
    [InlineData("a=%41%41", 8, 8, 5, false)]
    [InlineData("a=12345678", 8, 8, 8, true)]
    [InlineData("a=123456789", 8, 8, 8, false)]
    [InlineData("a=\u00e9\u00e9\u00e9\u00e9", 8, 8, 4, true)]
    [InlineData("a=\u00e9\u00e9\u00e9\u00e9\u00e9", 8, 8, 4, false)]
    public void Parse_Limits_CountedAsFormReaderCountsThem(string body, int values, int name, int value, bool accepted)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var actual = FormUrlEncodedParser.Parse(bytes, s_utf8, values, name, value);

        (actual is not null).Should().Be(accepted);
        (FormUrlEncodedParserProperties.Oracle(bytes, s_utf8, values, name, value) is not null).Should().Be(accepted);
    }

    [Fact]
    public void Parse_ProtocolWords_ReturnedAsTheConstantsThemselves()
    {
        var body = "grant_type=authorization_code&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&code=x"u8.ToArray();

        var actual = FormUrlEncodedParser.Parse(body, s_utf8, 32, 64, 1024)!;

        actual[0].Key.Should().BeSameAs(OAuthParameters.GrantType);
        actual[0].Value.ToString().Should().BeSameAs(SmartGrantTypes.AuthorizationCode);
        actual[1].Key.Should().BeSameAs(OAuthParameters.ClientAssertionType);
        actual[1].Value.ToString().Should().BeSameAs(Smart.AspNetCore.ClientAuthentication.ClientAssertionValidator.JwtBearerAssertionType);
        actual[2].Key.Should().BeSameAs(OAuthParameters.Code);
    }

    [Fact]
    public void KnownWords_EveryOAuthParameterAndGrantType()
    {
        var constants = typeof(OAuthParameters).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(SmartGrantTypes).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(static f => f.IsLiteral)
            .Select(static f => (string)f.GetRawConstantValue()!);

        FormUrlEncodedParser.KnownWords.Should().Contain(constants);
    }

    private static string Flatten(KeyValuePair<string, StringValues>[] pairs) =>
        string.Join("|", pairs.Select(static p => p.Key + ":" + string.Join(",", p.Value.ToArray())));
}
