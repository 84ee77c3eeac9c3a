using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Smart.AspNetCore.Protocol;

/// <summary>
/// Random handles (codes, refresh tokens, launch handles, request ids) and their storage keys. A handle carries
/// 256 random bits; stores only ever see its SHA-256, which is the right cost for a high-entropy value.
/// </summary>
internal static class SecureValues
{
    /// <summary>Creates a 256-bit random value, base64url encoded (43 characters).</summary>
    public static string CreateHandle()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }

    /// <summary>The storage key of a handle: base64url of its SHA-256.</summary>
    public static string HashHandle(string handle) => HashHandle(handle.AsSpan());

    /// <summary>The storage key of a handle given as characters: base64url of the SHA-256 of their UTF-8.</summary>
    public static string HashHandle(ReadOnlySpan<char> handle)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(handle.Length);
        var buffer = maxBytes <= 256 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var written = Encoding.UTF8.GetBytes(handle, buffer);
        SHA256.HashData(buffer[..written], hash);
        return Base64Url.EncodeToString(hash);
    }

    /// <summary>A short, non-reversible tag for logs, so events can be correlated without logging the value.</summary>
    public static string LogTag(string value) => HashHandle(value)[..8];
}
