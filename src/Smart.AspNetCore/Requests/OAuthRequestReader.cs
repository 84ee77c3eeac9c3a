using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Requests;

/// <summary>
/// Reads the parameters of an authorization server request (authorize, token, introspection, revocation) within
/// <see cref="SmartRequestLimitOptions"/>. Never throws for what a client sends: a wrong content type, an unknown
/// charset, a body that is too large, truncated or unreadable, too many parameters, a name or value that is too long,
/// a control character (<c>%00</c>, CR, LF, ...) in a name or value, or a <c>scope</c> with too many words all become
/// <c>invalid_request</c> (RFC 6749 §4.1.2.1 and §5.2, RFC 7009 §2.2.1, RFC 7662 §2.3). Descriptions never echo a value.
/// </summary>
internal sealed class OAuthRequestReader(IOptions<SmartOnFhirOptions> options)
{
    private const string FormMediaType = "application/x-www-form-urlencoded";
    private static readonly object s_itemKey = new();

    private SmartRequestLimitOptions Limits => options.Value.RequestLimits;

    /// <summary>
    /// Reads an <c>application/x-www-form-urlencoded</c> body (the only form OAuth requests use; no multipart). The body is
    /// read once per request: a second call returns the first result.
    /// </summary>
    public ValueTask<OAuthRequestReadResult> ReadFormAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(s_itemKey, out var cached) && cached is OAuthRequestReadResult previous)
        {
            return new ValueTask<OAuthRequestReadResult>(previous);
        }

        return ReadAndKeepAsync(context);
    }

    private async ValueTask<OAuthRequestReadResult> ReadAndKeepAsync(HttpContext context)
    {
        var result = await ReadFormCoreAsync(context).ConfigureAwait(false);
        context.Items[s_itemKey] = result;
        return result;
    }

    private async ValueTask<OAuthRequestReadResult> ReadFormCoreAsync(HttpContext context)
    {
        var request = context.Request;
        var limits = Limits;
        if (!TryGetFormEncoding(request.ContentType, out var encoding, out var contentTypeProblem))
        {
            return OAuthRequestReadResult.Fail(SmartErrors.Request.ContentTypeInvalid.Create(contentTypeProblem));
        }

        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return OAuthRequestReadResult.Fail(SmartErrors.Request.BodyTooLarge.Create(limits.MaxBodyBytes));
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limits.MaxBodyBytes;
        }

        // The body is read into a pooled array and parsed from its bytes: no stream reader, no copies, one string a word.
        var body = ArrayPool<byte>.Shared.Rent(InitialBodyBuffer(request.ContentLength, limits.MaxBodyBytes));
        try
        {
            int length;
            try
            {
                (body, length) = await ReadBoundedAsync(request.Body, limits.MaxBodyBytes, body, context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException)
            {
                return OAuthRequestReadResult.Fail(SmartErrors.Request.BodyUnreadable.Create());
            }
            catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
            {
                return OAuthRequestReadResult.Fail(SmartErrors.Request.BodyUnreadable.Create());
            }

            if (length < 0)
            {
                return OAuthRequestReadResult.Fail(SmartErrors.Request.BodyTooLarge.Create(limits.MaxBodyBytes));
            }

            IReadOnlyList<KeyValuePair<string, StringValues>>? form;
            try
            {
                form = await ParseFormAsync(body.AsMemory(0, length), encoding, limits).ConfigureAwait(false);
            }
            catch (DecoderFallbackException)
            {
                return OAuthRequestReadResult.Fail(SmartErrors.Request.FormEncodingInvalid.Create());
            }

            if (form is null)
            {
                return OAuthRequestReadResult.Fail(SmartErrors.Request.FormBeyondLimits.Create(
                    $"The form is beyond this server's limits: at most {limits.MaxParameters} parameters, names of at most {limits.MaxParameterNameLength} and values of at most {limits.MaxParameterValueLength} characters."));
            }

            return Check(form);
        }
        finally
        {
            // The body held client secrets, codes and refresh tokens: clear it before another renter sees it.
            ArrayPool<byte>.Shared.Return(body, clearArray: true);
        }
    }

    /// <summary>
    /// Parses <c>application/x-www-form-urlencoded</c> within the limits; <see langword="null"/> when a limit is exceeded.
    /// UTF-8, US-ASCII and ISO-8859-1 bodies are parsed from the bytes by <see cref="FormUrlEncodedParser"/>, which gives
    /// what <see cref="FormReader"/> gives; any other charset goes through <see cref="FormReader"/> over the decoded string,
    /// and a body that starts like a byte order mark (which may switch the encoding) through it over a stream, as before.
    /// </summary>
    private static async ValueTask<IReadOnlyList<KeyValuePair<string, StringValues>>?> ParseFormAsync(ReadOnlyMemory<byte> body, Encoding encoding, SmartRequestLimitOptions limits)
    {
        var startsLikeByteOrderMark = body.Length > 0 && body.Span[0] is 0xEF or 0xFE or 0xFF or 0x00;
        if (!startsLikeByteOrderMark && FormUrlEncodedParser.Supports(encoding))
        {
            return FormUrlEncodedParser.Parse(body.Span, encoding, limits.MaxParameters, limits.MaxParameterNameLength, limits.MaxParameterValueLength);
        }

        try
        {
            if (startsLikeByteOrderMark)
            {
                using var stream = new MemoryStream(body.ToArray(), writable: false);
                using var streamReader = Limit(new FormReader(stream, encoding, ArrayPool<char>.Shared), limits);
                return [.. await streamReader.ReadFormAsync().ConfigureAwait(false)];
            }

            using var reader = Limit(new FormReader(encoding.GetString(body.Span), ArrayPool<char>.Shared), limits);
            return [.. reader.ReadForm()];
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static FormReader Limit(FormReader reader, SmartRequestLimitOptions limits)
    {
        reader.ValueCountLimit = limits.MaxParameters;
        reader.KeyLengthLimit = limits.MaxParameterNameLength;
        reader.ValueLengthLimit = limits.MaxParameterValueLength;
        return reader;
    }

    private static int InitialBodyBuffer(long? contentLength, long limit) =>
        (int)Math.Clamp((contentLength ?? 1023) + 1, 256, Math.Min(limit + 1, 64 * 1024));

    /// <summary>Reads the query string (the authorization endpoint's GET).</summary>
    public OAuthRequestReadResult ReadQuery(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Check([.. context.Request.Query]);
    }

    /// <summary>Applies the count, length, character and scope limits to parameters already parsed.</summary>
    internal OAuthRequestReadResult Check(IReadOnlyList<KeyValuePair<string, StringValues>> parameters)
    {
        var limits = Limits;
        var count = 0;
        foreach (var (_, values) in parameters)
        {
            count += Math.Max(values.Count, 1);
        }

        if (count > limits.MaxParameters)
        {
            return OAuthRequestReadResult.Fail(SmartErrors.Request.TooManyParameters.Create(limits.MaxParameters));
        }

        foreach (var (name, _) in parameters)
        {
            if (name.Length > limits.MaxParameterNameLength)
            {
                return OAuthRequestReadResult.Fail(SmartErrors.Request.ParameterNameTooLong.Create(limits.MaxParameterNameLength));
            }

            if (HasControlCharacter(name))
            {
                return OAuthRequestReadResult.Fail(SmartErrors.Request.ParameterNameControlCharacter.Create());
            }
        }

        foreach (var (name, values) in parameters)
        {
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (value.Length > limits.MaxParameterValueLength)
                {
                    return OAuthRequestReadResult.FailValue(parameters, name, SmartErrors.Request.ValueTooLong.Create($"{Describe(name)} is longer than {limits.MaxParameterValueLength} characters."));
                }

                if (HasControlCharacter(value))
                {
                    return OAuthRequestReadResult.FailValue(parameters, name, SmartErrors.Request.ValueControlCharacter.Create($"{Describe(name)} contains a control character."));
                }

                if (string.Equals(name, OAuthParameters.Scope, StringComparison.Ordinal))
                {
                    if (value.Length > limits.MaxScopeLength)
                    {
                        return OAuthRequestReadResult.FailValue(parameters, name, SmartErrors.Request.ScopeTooLong.Create(limits.MaxScopeLength));
                    }

                    if (CountWords(value) > limits.MaxScopes)
                    {
                        return OAuthRequestReadResult.FailValue(parameters, name, SmartErrors.Request.TooManyScopes.Create(limits.MaxScopes));
                    }
                }
            }
        }

        return OAuthRequestReadResult.Success(parameters);
    }

    /// <summary>A parameter name for an error description: echoed only when it is short and plain.</summary>
    internal static string Describe(string name) =>
        name.Length is > 0 and <= 40 && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? $"The {name} parameter"
            : "A parameter";

    private static bool TryGetFormEncoding(string? contentType, out Encoding encoding, out string problem)
    {
        encoding = Encoding.UTF8;
        problem = string.Empty;
        if (string.Equals(contentType, FormMediaType, StringComparison.OrdinalIgnoreCase))
        {
            // The content type as clients send it, without a charset: UTF-8, and nothing to parse.
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals(FormMediaType, StringComparison.OrdinalIgnoreCase))
        {
            problem = "The request must be POST " + FormMediaType + ".";
            return false;
        }

        var charset = mediaType.Charset;
        if (!charset.HasValue || charset.Length == 0)
        {
            return true;
        }

        try
        {
            encoding = Encoding.GetEncoding(charset.ToString());
        }
        catch (ArgumentException)
        {
            problem = "The charset of the request is not supported; send UTF-8.";
            return false;
        }

        // Only ASCII-compatible charsets can carry a form (UTF-8, US-ASCII, ISO-8859-1); never UTF-7, UTF-16 or UTF-32.
        if (encoding.CodePage != Encoding.UTF8.CodePage && !encoding.IsSingleByte)
        {
            problem = "The charset of the request is not supported; send UTF-8.";
            return false;
        }

        encoding = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        return true;
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes into the pooled <paramref name="buffer"/>, replacing it with a larger
    /// array when needed (the one returned is the one to give back); length -1 when the body is longer.
    /// </summary>
    private static async ValueTask<(byte[] Buffer, int Length)> ReadBoundedAsync(Stream body, long limit, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length > limit)
            {
                return (buffer, -1);
            }

            if (length == buffer.Length)
            {
                // The smaller array is cleared and left to the GC, never returned here, and the larger one reaches the
                // caller only with the result: if a later read throws, the caller gives back the array it rented and
                // the larger one is left to the GC. No array can go back to the pool twice.
                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1, 2L * buffer.Length));
                buffer.AsSpan(0, length).CopyTo(larger);
                buffer.AsSpan(0, length).Clear();
                buffer = larger;
            }
        }

        return (buffer, length);
    }

    private static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static int CountWords(string value)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                words++;
            }
        }

        return words;
    }
}
