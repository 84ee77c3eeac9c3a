using System.Buffers;
using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Requests;

namespace Smart.AspNetCore.Tests.Generated;

/// <summary>
/// The OAuth form reader parses a pooled, once-decoded body instead of a copied stream (issue 14). TOKEN-1: for
/// generated bodies full of separators, escapes (valid, truncated, invalid UTF-8) and hostile characters, it reads the
/// same parameters, in the same order, as <see cref="FormReader"/> over the stream did, and refuses exactly what its
/// limits refused.
/// </summary>
public sealed class FormParsingProperties
{
    private static readonly Gen<string> s_fragment = Gen.Frequency(
        (4, Gen.OneOf("grant_type", "refresh_token", "client_id", "scope", "code", "a", "b", "x")),
        (4, Gen.OneOf("=", "&", "+", "==", "&&", "=&")),
        (3, Gen.OneOf("%20", "%2B", "%26", "%3D", "%C3%A9", "%E6%BC%A2", "%F0%9F%98%80", "%FF", "%C3", "%", "%z", "%zz", "%00", "%0A", "%25")),
        (2, Generators.Text(6)));

    private static readonly Gen<string> s_body = s_fragment.Array[0, 24].Select(static parts => string.Concat(parts));

    [Fact]
    public void ReadFormAsync_AnyBody_SameParametersAsFormReaderOverTheStream()
    {
        var options = new SmartOnFhirOptions();
        options.RequestLimits.MaxParameters = 8;
        options.RequestLimits.MaxParameterNameLength = 12;
        options.RequestLimits.MaxParameterValueLength = 16;
        options.RequestLimits.MaxScopeLength = 16;
        var reader = new OAuthRequestReader(Options.Create(options));
        var limits = options.RequestLimits;

        s_body.Sample(text =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var encoding = Encoding.GetEncoding(Encoding.UTF8.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
            Dictionary<string, Microsoft.Extensions.Primitives.StringValues>? expected;
            try
            {
                using var stream = new MemoryStream(bytes, writable: false);
                using var formReader = new FormReader(stream, encoding, ArrayPool<char>.Shared)
                {
                    ValueCountLimit = limits.MaxParameters,
                    KeyLengthLimit = limits.MaxParameterNameLength,
                    ValueLengthLimit = limits.MaxParameterValueLength,
                };
                expected = formReader.ReadForm();
            }
            catch (InvalidDataException)
            {
                expected = null;
            }

            var context = new DefaultHttpContext();
            context.Request.Method = HttpMethods.Post;
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.Body = new MemoryStream(bytes);
            var result = reader.ReadFormAsync(context).AsTask().GetAwaiter().GetResult();

            if (expected is null)
            {
                result.Succeeded.Should().BeFalse(text);
                result.Error!.Id.Should().Be(Smart.AspNetCore.Protocol.SmartErrors.Request.FormBeyondLimits.Id, text);
                return;
            }

            var check = reader.Check([.. expected]);
            result.Succeeded.Should().Be(check.Succeeded, text);
            if (result.Succeeded)
            {
                result.Parameters.Select(p => p.Key).Should().Equal(expected.Keys, text);
                result.Parameters.Select(p => string.Join("\u0001", p.Value.ToArray())).Should().Equal(expected.Values.Select(v => string.Join("\u0001", v.ToArray())), text);
            }
            else
            {
                result.Error!.Id.Should().Be(check.Error!.Id, text);
            }
        }, iter: 5000);
    }
}
