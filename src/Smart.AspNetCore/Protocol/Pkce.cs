using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.Protocol;

/// <summary>PKCE S256 verification (RFC 7636 §4.1, §4.6; TOKEN-4).</summary>
internal static class Pkce
{
    public const int MinVerifierLength = 43;
    public const int MaxVerifierLength = 128;

    /// <summary>Whether <paramref name="verifier"/> is well-formed and its S256 transform equals <paramref name="challenge"/>.</summary>
    public static bool Verify(string? verifier, string challenge)
    {
        if (verifier is null || verifier.Length is < MinVerifierLength or > MaxVerifierLength)
        {
            return false;
        }

        foreach (var c in verifier)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
            {
                return false;
            }
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(verifier), hash);
        var computed = Base64UrlEncoder.Encode(hash.ToArray());
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    /// <summary>The S256 challenge of a verifier (used by tests and sample clients).</summary>
    public static string CreateChallenge(string verifier) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
