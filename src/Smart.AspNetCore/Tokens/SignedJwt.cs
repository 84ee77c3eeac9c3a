using System.Buffers;
using System.Text;

namespace Smart.AspNetCore.Tokens;

/// <summary>
/// A compact JWS as ASCII bytes in a pooled array, held from signing until the token response is written: the token
/// endpoint never turns its tokens into strings (for an ES256 access token and an RS256 id_token that is about 3 KB
/// per code exchange). <see cref="Dispose"/> clears the array and gives it back; it may be called more than once.
/// </summary>
internal sealed class SignedJwt : IDisposable
{
    private readonly int _length;
    private byte[]? _buffer;

    /// <param name="buffer">A pooled array that now belongs to this token.</param>
    /// <param name="length">The token's length at the start of <paramref name="buffer"/>.</param>
    public SignedJwt(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>A token made as a string (<c>JsonWebTokenHandler</c>, the issuer's fallback) in the same pooled form.</summary>
    public static SignedJwt FromString(string token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(token.Length);
        var length = Encoding.ASCII.GetBytes(token, buffer);
        return new SignedJwt(buffer, length);
    }

    /// <summary>The token's bytes (base64url segments and dots: ASCII, nothing JSON must escape).</summary>
    public ReadOnlySpan<byte> Utf8 => (_buffer ?? throw new ObjectDisposedException(nameof(SignedJwt))).AsSpan(0, _length);

    /// <summary>The token as a string: for callers that need one (the test kit's token issuer, tests).</summary>
    public override string ToString() => Encoding.ASCII.GetString(Utf8);

    /// <summary>Clears the array (it held a bearer token) and returns it to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = null;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
