using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>
/// Authenticates the client of a token request (TOKEN-6, CLIENT-1): public clients identify themselves with
/// <c>client_id</c>; confidential symmetric clients use HTTP Basic (<c>client_secret_basic</c>) or
/// <c>client_secret_post</c>; confidential asymmetric and backend clients use <c>private_key_jwt</c>
/// (<see cref="ClientAssertionValidator"/>, CLIENT-3). Exactly one method per request. Failures are <c>invalid_client</c>
/// (a missing <c>client_id</c> is <c>invalid_request</c>). Used by the token, revocation and introspection endpoints.
/// </summary>
internal sealed class ClientAuthenticator(IClientRegistry clients, ClientAssertionValidator assertions, TimeProvider timeProvider)
{
    public async Task<ClientAuthenticationResult> AuthenticateAsync(TokenRequest request, string? authorizationHeader, CancellationToken cancellationToken)
    {
        var bodyClientId = request[OAuthParameters.ClientId];
        var bodySecret = request[OAuthParameters.ClientSecret];
        var assertionType = request[OAuthParameters.ClientAssertionType];
        var assertion = request[OAuthParameters.ClientAssertion];
        var hasAssertion = assertion is not null || assertionType is not null;

        if (!string.IsNullOrEmpty(authorizationHeader) && AuthenticationHeaderValue.TryParse(authorizationHeader, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (bodySecret is not null || hasAssertion)
            {
                return ClientAuthenticationResult.Fail(OAuthError.InvalidRequest("Use exactly one client authentication method."), usedAuthorizationHeader: true);
            }

            if (!TryDecodeBasic(header.Parameter, out var id, out var secret))
            {
                return ClientAuthenticationResult.Fail(OAuthError.InvalidClient("The Authorization header is not valid HTTP Basic credentials."), usedAuthorizationHeader: true);
            }

            if (bodyClientId is not null && !string.Equals(bodyClientId, id, StringComparison.Ordinal))
            {
                return ClientAuthenticationResult.Fail(OAuthError.InvalidClient("client_id does not match the authenticated client."), usedAuthorizationHeader: true);
            }

            return await VerifySecretAsync(id, secret, usedHeader: true, cancellationToken).ConfigureAwait(false);
        }

        if (hasAssertion)
        {
            if (bodySecret is not null)
            {
                return ClientAuthenticationResult.Fail(OAuthError.InvalidRequest("Use exactly one client authentication method."));
            }

            // TOKEN-11: a wrong client_assertion_type is a 400 invalid_client (no Authorization header was used).
            if (!string.Equals(assertionType, ClientAssertionValidator.JwtBearerAssertionType, StringComparison.Ordinal))
            {
                return ClientAuthenticationResult.Fail(OAuthError.InvalidClient($"client_assertion_type must be {ClientAssertionValidator.JwtBearerAssertionType}."));
            }

            if (assertion is null)
            {
                return ClientAuthenticationResult.Fail(OAuthError.InvalidClient("The client_assertion parameter is missing."));
            }

            return await assertions.ValidateAsync(assertion, bodyClientId, cancellationToken).ConfigureAwait(false);
        }

        if (bodyClientId is null)
        {
            return ClientAuthenticationResult.Fail(OAuthError.InvalidRequest("The client_id parameter is missing."));
        }

        if (bodySecret is not null)
        {
            return await VerifySecretAsync(bodyClientId, bodySecret, usedHeader: false, cancellationToken).ConfigureAwait(false);
        }

        var client = await clients.FindByIdAsync(bodyClientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return ClientAuthenticationResult.Fail(OAuthError.InvalidClient("The client is not registered."));
        }

        return client.Kind == SmartClientKind.Public
            ? ClientAuthenticationResult.Success(client, ClientAuthenticationMethod.None)
            : ClientAuthenticationResult.Fail(OAuthError.InvalidClient("This client must authenticate."));
    }

    private async Task<ClientAuthenticationResult> VerifySecretAsync(string clientId, string secret, bool usedHeader, CancellationToken cancellationToken)
    {
        var client = await clients.FindByIdAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null || client.Kind != SmartClientKind.ConfidentialSymmetric)
        {
            return ClientAuthenticationResult.Fail(OAuthError.InvalidClient("Client authentication failed."), usedHeader);
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var now = timeProvider.GetUtcNow();
        var matched = false;
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        foreach (var candidate in client.Secrets)
        {
            // Compare every secret in fixed time; no early exit that would reveal which one matched.
            if (Convert.TryFromBase64String(candidate.Sha256, stored, out var written) && written == stored.Length
                && (candidate.ExpiresAt is null || candidate.ExpiresAt > now))
            {
                matched |= CryptographicOperations.FixedTimeEquals(stored, presented);
            }
        }

        return matched
            ? ClientAuthenticationResult.Success(client, usedHeader ? ClientAuthenticationMethod.ClientSecretBasic : ClientAuthenticationMethod.ClientSecretPost)
            : ClientAuthenticationResult.Fail(OAuthError.InvalidClient("Client authentication failed."), usedHeader);
    }

    /// <summary>RFC 6749 §2.3.1 and Appendix B: base64, split at the first colon, then form-url-decode both halves.</summary>
    internal static bool TryDecodeBasic(string? parameter, out string clientId, out string secret)
    {
        clientId = secret = string.Empty;
        if (string.IsNullOrEmpty(parameter))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        clientId = FormDecode(decoded[..colon]);
        secret = FormDecode(decoded[(colon + 1)..]);
        return clientId.Length > 0 && secret.Length > 0;

        static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
    }
}
