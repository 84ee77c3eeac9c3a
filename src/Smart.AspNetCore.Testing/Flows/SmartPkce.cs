using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Smart.AspNetCore.Testing.Flows;

/// <summary>A PKCE pair (RFC 7636): a random verifier and its <c>S256</c> challenge.</summary>
public sealed class SmartPkce
{
    private SmartPkce(string verifier)
    {
        Verifier = verifier;
        Challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>The <c>code_verifier</c> (43 characters, 256 random bits).</summary>
    public string Verifier { get; }

    /// <summary>The <c>code_challenge</c>: BASE64URL(SHA256(verifier)).</summary>
    public string Challenge { get; }

    /// <summary>The <c>code_challenge_method</c>, always <c>S256</c>.</summary>
    public static string Method => "S256";

    /// <summary>A new pair from <see cref="RandomNumberGenerator"/>.</summary>
    /// <returns>The pair.</returns>
    public static SmartPkce Create() => new(WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)));
}
