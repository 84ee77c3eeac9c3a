using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Discovery;

namespace Smart.AspNetCore.ClientAuthentication;

/// <summary>
/// The <c>aud</c> rule for <c>private_key_jwt</c> client assertions (CLIENT-4). Accepted: the token endpoint URL
/// (RFC 7523 §3 and the SMART Backend Services profile) or the authorization server's issuer identifier (the
/// value the OAuth working group's update of RFC 7523 and OpenID-certified clients such as <c>openid-client</c>
/// use), as one string, or as an array whose every entry is one of those two. Any other value, an empty array,
/// or an array that names anything else is refused, so an assertion minted for another server (the 2025
/// audience-injection advisory) is never accepted. Comparison is exact (no trailing-slash or case folding),
/// and the same rule holds at the token, introspection and revocation endpoints.
/// </summary>
internal static class ClientAssertionAudience
{
    /// <summary>The <c>error_description</c> tail for a refused <c>aud</c>.</summary>
    public const string Requirement = "aud must be the token endpoint URL or the issuer, as one string or an array naming only those.";

    public static bool IsAcceptable(JsonWebToken jwt, SmartServerMetadata metadata)
    {
        // The payload is read as JSON so the exact shape of aud (string, array, anything else) is seen.
        JsonDocument payload;
        try
        {
            payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return false;
        }

        using (payload)
        {
            return payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty(JwtRegisteredClaimNames.Aud, out var aud)
                && IsAcceptable(aud, metadata);
        }
    }

    private static bool IsAcceptable(JsonElement aud, SmartServerMetadata metadata)
    {
        switch (aud.ValueKind)
        {
            case JsonValueKind.String:
                return IsAccepted(aud.GetString(), metadata);
            case JsonValueKind.Array:
                var count = 0;
                foreach (var entry in aud.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.String || !IsAccepted(entry.GetString(), metadata))
                    {
                        return false;
                    }

                    count++;
                }

                return count > 0;
            default:
                return false;
        }
    }

    private static bool IsAccepted(string? value, SmartServerMetadata metadata) =>
        value is { Length: > 0 }
        && (string.Equals(value, metadata.TokenEndpoint, StringComparison.Ordinal)
            || string.Equals(value, metadata.Issuer, StringComparison.Ordinal));
}
