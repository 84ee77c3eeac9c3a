using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Tokens;

/// <summary>
/// Writes a signed compact JWS (RFC 7515 §7.1) the way <c>JsonWebTokenHandler.CreateToken</c> does (header
/// <c>alg</c>, <c>kid</c>, <c>typ</c>; a JSON payload), without its intermediate dictionaries and strings: the payload
/// is written with <see cref="Utf8JsonWriter"/> into a per-thread reusable buffer, base64url-encoded with
/// <see cref="Base64Url"/> into one pooled array, and signed by the key's own <see cref="SmartSigningKey.SignatureProvider"/>
/// (Microsoft.IdentityModel's signature provider, created once per key). The token stays in that pooled array
/// (<see cref="SignedJwt"/>) until the response is written; nothing turns it into a string on the token endpoint.
/// </summary>
/// <remarks>
/// Use: <c>var writer = JwtWriter.Rent();</c>, write the claims to <see cref="Payload"/> (an object is already open),
/// then <see cref="Sign"/>, which closes the object, returns the token and gives the writer back. A writer is used by
/// one thread between <see cref="Rent"/> and <see cref="Sign"/>; nothing may await in between.
/// </remarks>
#pragma warning disable CA1001 // One writer per thread lives as long as the thread; Utf8JsonWriter holds only managed buffers.
internal sealed class JwtWriter
#pragma warning restore CA1001
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static JwtWriter? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    private JwtWriter() => _json = new Utf8JsonWriter(_buffer, s_options);

    /// <summary>The payload writer, positioned inside the payload's JSON object.</summary>
    public Utf8JsonWriter Payload => _json;

    /// <summary>A writer with an empty payload object open (this thread's cached one when it is free).</summary>
    public static JwtWriter Rent()
    {
        var writer = t_cached ?? new JwtWriter();
        t_cached = null;
        writer._buffer.ResetWrittenCount();
        writer._json.Reset(writer._buffer);
        writer._json.WriteStartObject();
        return writer;
    }

    /// <summary>
    /// Closes the payload, signs <c>header.payload</c> with <paramref name="key"/> and returns the compact JWS, in a
    /// pooled array that the caller disposes.
    /// </summary>
    /// <param name="key">The signing key: its <c>alg</c> and <c>kid</c> go in the header.</param>
    /// <param name="type">The JOSE <c>typ</c> header (<c>at+jwt</c> for access tokens, <c>JWT</c> for id_tokens).</param>
    public SignedJwt Sign(SmartSigningKey key, string type)
    {
        _json.WriteEndObject();
        _json.Flush();

        var header = key.GetEncodedHeader(type);
        var payload = _buffer.WrittenSpan;
        var signingInputLength = header.Length + 1 + Base64Url.GetEncodedLength(payload.Length);
        var signatureLength = key.MaxSignatureLength;
        var tokenLength = signingInputLength + 1 + Base64Url.GetEncodedLength(signatureLength);
        byte[]? rented = ArrayPool<byte>.Shared.Rent(tokenLength + signatureLength);
        try
        {
            var token = rented.AsSpan(0, tokenLength);
            header.CopyTo(token);
            token[header.Length] = (byte)'.';
            var encodedPayload = Base64Url.EncodeToUtf8(payload, token[(header.Length + 1)..]);
            signingInputLength = header.Length + 1 + encodedPayload;

            // The signature is written past the longest token and encoded into place; the token then owns the array.
            var signature = rented.AsSpan(tokenLength, signatureLength);
            if (!key.SignatureProvider.Sign(token[..signingInputLength], signature, out var signatureWritten))
            {
                throw new InvalidOperationException($"The signature provider of key '{key.KeyId}' did not produce a {key.Algorithm} signature.");
            }

            token[signingInputLength] = (byte)'.';
            var encodedSignature = Base64Url.EncodeToUtf8(signature[..signatureWritten], token[(signingInputLength + 1)..]);
            var signed = new SignedJwt(rented, signingInputLength + 1 + encodedSignature);
            rented = null;
            return signed;
        }
        finally
        {
            if (rented is not null)
            {
                // Signing failed: the array may hold part of a bearer token; clear it before another renter sees it.
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }

            t_cached = this;
        }
    }
}
