using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.Protocol;

/// <summary>PKCE S256 verification (RFC 7636 §4.1, §4.6; TOKEN-4).</summary>
internal static class Pkce
{
    public const int MinVerifierLength = 43;
    public const int MaxVerifierLength = 128;

    /// <summary>The length of an S256 challenge: base64url (no padding) of a SHA-256 hash.</summary>
    private const int ChallengeLength = 43;

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

        // An S256 challenge is base64url of 32 bytes: 43 characters. Anything else cannot match (and the fixed-time
        // compare below would return at once on the length difference anyway).
        if (challenge.Length != ChallengeLength)
        {
            return false;
        }

        // Everything on the stack: the verifier is ASCII (checked above), the challenge is compared as ASCII bytes
        // (a non-ASCII character becomes '?', which base64url never produces).
        Span<byte> verifierBytes = stackalloc byte[MaxVerifierLength];
        var verifierLength = Encoding.ASCII.GetBytes(verifier, verifierBytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(verifierBytes[..verifierLength], hash);
        Span<byte> computed = stackalloc byte[ChallengeLength];
        var written = Base64Url.EncodeToUtf8(hash, computed);
        Span<byte> expected = stackalloc byte[ChallengeLength];
        Encoding.ASCII.GetBytes(challenge, expected);
        return CryptographicOperations.FixedTimeEquals(computed[..written], expected);
    }

    /// <summary>The S256 challenge of a verifier (used by tests and sample clients).</summary>
    public static string CreateChallenge(string verifier) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
