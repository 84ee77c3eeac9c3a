using System.Security.Cryptography;
using System.Text;

namespace Smart.AspNetCore.Clients;

/// <summary>
/// A client secret as stored: only its SHA-256 hash is kept. Secrets are machine-generated, high-entropy values,
/// so a fast hash is the right cost (a password hash would throttle the token endpoint without adding safety).
/// Several secrets may be active at once so they can be rotated.
/// </summary>
public sealed class SmartClientSecret
{
    /// <summary>The minimum length accepted by <see cref="FromPlainText"/>.</summary>
    public const int MinimumLength = 16;

    /// <summary>Base64 of the SHA-256 hash of the UTF-8 secret.</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>When the secret stops being accepted; <see langword="null"/> for no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>An optional label for operators (never the secret itself).</summary>
    public string? Description { get; set; }

    /// <summary>Hashes a plain-text secret for storage.</summary>
    /// <param name="secret">The secret; at least <see cref="MinimumLength"/> characters.</param>
    /// <param name="expiresAt">Optional expiry.</param>
    /// <param name="description">Optional label.</param>
    /// <returns>The stored form of the secret.</returns>
    /// <exception cref="ArgumentException">The secret is shorter than <see cref="MinimumLength"/>.</exception>
    public static SmartClientSecret FromPlainText(string secret, DateTimeOffset? expiresAt = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinimumLength)
        {
            throw new ArgumentException(
                $"Client secrets must be machine-generated and at least {MinimumLength} characters long.", nameof(secret));
        }

        return new SmartClientSecret { Sha256 = ComputeHash(secret), ExpiresAt = expiresAt, Description = description };
    }

    /// <summary>Generates a new random 256-bit secret, returned once in plain text for the client's operator.</summary>
    /// <returns>A base64url secret of 43 characters.</returns>
    public static string GenerateSecret() =>
        Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    internal static string ComputeHash(string secret) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
