using System.Buffers;
using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Requests;

namespace Smart.AspNetCore.Tests.Generated;

/// <summary>
/// The byte-level form parser (issue 14, third pass) against ASP.NET Core's <see cref="FormReader"/> as the oracle. TOKEN-1:
/// for generated bodies (escapes valid, truncated and invalid, encoded separators, <c>+</c>, multibyte and invalid UTF-8
/// bytes, empty names and values, <c>&amp;&amp;</c>, pairs without <c>=</c>, repeated and case-varied names) in UTF-8
/// (with either replacement), ISO-8859-1 and US-ASCII, it reads the same names and values in the same order, and refuses
/// exactly the bodies the reader's limits refuse, also one past each limit.
/// </summary>
public sealed class FormUrlEncodedParserProperties
{
    private static readonly Encoding[] s_encodings =
    [
        Encoding.UTF8, // a request without a charset: invalid bytes become U+FFFD
        Encoding.GetEncoding(Encoding.UTF8.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback),
        Encoding.GetEncoding(Encoding.Latin1.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback),
        Encoding.GetEncoding(Encoding.ASCII.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback),
    ];

    private static readonly Gen<byte[]> s_fragment = Gen.Frequency(
        (4, Gen.OneOf("grant_type", "Grant_Type", "GRANT_TYPE", "client_id", "Client_Id", "scope", "code", "authorization_code", "a", "A", "b", "x").Select(Utf8)),
        (4, Gen.OneOf("=", "&", "+", "==", "&&", "=&", "&=", "++").Select(Utf8)),
        (3, Gen.OneOf("%20", "%2B", "%2b", "%26", "%3D", "%3d", "%25", "%C3%A9", "%c3%a9", "%E6%BC%A2", "%F0%9F%98%80", "%ED%A0%80", "%C0%AF", "%FF", "%C3", "%C3%28", "%", "%4", "%z", "%zz", "%%", "%00", "%0A", "%7F").Select(Utf8)),
        (2, Gen.OneOf(new byte[] { 0xC3, 0xA9 }, [0xE6, 0xBC, 0xA2], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xC3], [0x80], [0xE6, 0xBC], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x00], [0x7F])),
        (2, Generators.Text(6).Select(Utf8)));

    private static readonly Gen<byte[]> s_body = s_fragment.Array[0, 24].Select(static parts => parts.SelectMany(static p => p).ToArray());

    private static readonly Gen<(byte[] Body, Encoding Encoding, int Values, int Name, int Value)> s_case = Gen.Select(
        s_body, Gen.Int[0, s_encodings.Length - 1], Gen.Int[0, 10], Gen.Int[0, 14], Gen.Int[0, 20],
        static (body, encoding, values, name, value) => (body, s_encodings[encoding], values, name, value));

    [Fact]
    public void Parse_AnyBodyAnyLimits_SameAsFormReader()
    {
        s_case.Sample(c =>
        {
            var expected = Oracle(c.Body, c.Encoding, c.Values, c.Name, c.Value);
            var actual = FormUrlEncodedParser.Parse(c.Body, c.Encoding, c.Values, c.Name, c.Value);
            AssertSame(actual, expected, Describe(c.Body, c.Encoding));
        }, iter: 5000);
    }

    [Fact]
    public void Parse_EachLimitAtAndOnePastTheOracleBoundary_SameAsFormReader()
    {
        const int Unlimited = 1 << 20;
        Gen.Select(s_body, Gen.Int[0, s_encodings.Length - 1]).Sample((body, e) =>
        {
            var encoding = s_encodings[e];
            var why = Describe(body, encoding);
            Func<int, (int, int, int)>[] limits = [l => (l, Unlimited, Unlimited), l => (Unlimited, l, Unlimited), l => (Unlimited, Unlimited, l)];
            foreach (var limit in limits)
            {
                // The smallest limit the oracle accepts (acceptance grows with the limit): the parser must accept it and
                // refuse one less.
                var (low, high) = (0, body.Length + 1);
                while (low < high)
                {
                    var middle = (low + high) / 2;
                    var (v, n, l) = limit(middle);
                    (low, high) = Oracle(body, encoding, v, n, l) is null ? (middle + 1, high) : (low, middle);
                }

                foreach (var tried in low == 0 ? [0] : new[] { low - 1, low })
                {
                    var (v, n, l) = limit(tried);
                    var actual = FormUrlEncodedParser.Parse(body, encoding, v, n, l);
                    AssertSame(actual, Oracle(body, encoding, v, n, l), $"{why} at {limit(tried)}");
                    (actual is null).Should().Be(tried < low, $"{why} at {limit(tried)}");
                }
            }
        }, iter: 5000);
    }

    [Fact]
    public void ReadFormAsync_Latin1Charset_SameParametersAsFormReader()
    {
        var options = new SmartOnFhirOptions();
        options.RequestLimits.MaxParameters = 8;
        options.RequestLimits.MaxParameterNameLength = 12;
        options.RequestLimits.MaxParameterValueLength = 16;
        options.RequestLimits.MaxScopeLength = 16;
        var reader = new OAuthRequestReader(Options.Create(options));
        var limits = options.RequestLimits;
        var latin1 = s_encodings[2];

        s_body.Where(static b => b.Length == 0 || b[0] is not (0xEF or 0xFE or 0xFF or 0x00)).Sample(body =>
        {
            var expected = Oracle(body, latin1, limits.MaxParameters, limits.MaxParameterNameLength, limits.MaxParameterValueLength);
            var context = new DefaultHttpContext();
            context.Request.Method = HttpMethods.Post;
            context.Request.ContentType = "application/x-www-form-urlencoded; charset=ISO-8859-1";
            context.Request.Body = new MemoryStream(body);
            var result = reader.ReadFormAsync(context).AsTask().GetAwaiter().GetResult();
            var why = Describe(body, latin1);
            if (expected is null)
            {
                result.Succeeded.Should().BeFalse(why);
                result.Error!.Id.Should().Be(SmartErrors.Request.FormBeyondLimits.Id, why);
                return;
            }

            var check = reader.Check(expected);
            result.Succeeded.Should().Be(check.Succeeded, why);
            if (result.Succeeded)
            {
                AssertSame([.. result.Parameters], expected, why);
            }
            else
            {
                result.Error!.Id.Should().Be(check.Error!.Id, why);
            }
        }, iter: 2000);
    }

    /// <summary>What the reader did before: <see cref="FormReader"/> over the body decoded once, null when it threw.</summary>
    internal static KeyValuePair<string, StringValues>[]? Oracle(byte[] body, Encoding encoding, int values, int name, int value)
    {
        try
        {
            using var reader = new FormReader(encoding.GetString(body), ArrayPool<char>.Shared)
            {
                ValueCountLimit = values,
                KeyLengthLimit = name,
                ValueLengthLimit = value,
            };
            return [.. reader.ReadForm()];
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    internal static void AssertSame(KeyValuePair<string, StringValues>[]? actual, KeyValuePair<string, StringValues>[]? expected, string because)
    {
        if (expected is null)
        {
            actual.Should().BeNull(because);
            return;
        }

        actual.Should().NotBeNull(because);
        actual!.Select(static p => p.Key).Should().Equal(expected.Select(static p => p.Key), because);
        actual.Select(static p => p.Value.Count).Should().Equal(expected.Select(static p => p.Value.Count), because);
        actual.SelectMany(static p => p.Value.ToArray()).Should().Equal(expected.SelectMany(static p => p.Value.ToArray()), because);
    }

    private static string Describe(byte[] body, Encoding encoding) => $"{encoding.WebName}: {Convert.ToHexString(body)}";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
