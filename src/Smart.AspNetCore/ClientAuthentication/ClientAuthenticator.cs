using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.ClientAuthentication;

/// <summary>
/// Authenticates the client of a token request (TOKEN-6, CLIENT-1): public clients identify themselves with
/// <c>client_id</c>; confidential symmetric clients use HTTP Basic (<c>client_secret_basic</c>) or
/// <c>client_secret_post</c>; confidential asymmetric and backend clients use <c>private_key_jwt</c>
/// (<see cref="ClientAssertionValidator"/>, CLIENT-3). Exactly one method per request. Failures are <c>invalid_client</c>
/// (a missing <c>client_id</c> is <c>invalid_request</c>). Used by the token, revocation and introspection endpoints.
/// </summary>
internal sealed class ClientAuthenticator(IClientRegistry clients, ClientAssertionValidator assertions, TimeProvider timeProvider)
{
    public async Task<Result<AuthenticatedClient>> AuthenticateAsync(OAuthRequest request, string? authorizationHeader, CancellationToken cancellationToken)
    {
        using var activity = Smart.AspNetCore.Diagnostics.SmartOnFhirTelemetry.ActivitySource.StartActivity("smart.client.authenticate");
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
                return SmartErrors.ClientAuthentication.MultipleMethods.Create();
            }

            if (!TryDecodeBasic(header.Parameter, out var id, out var secret))
            {
                return SmartErrors.ClientAuthentication.BasicMalformed.Create();
            }

            if (bodyClientId is not null && !string.Equals(bodyClientId, id, StringComparison.Ordinal))
            {
                return SmartErrors.ClientAuthentication.ClientIdMismatch.Create();
            }

            return await VerifySecretAsync(id, secret, usedHeader: true, cancellationToken).ConfigureAwait(false);
        }

        if (hasAssertion)
        {
            if (bodySecret is not null)
            {
                return SmartErrors.ClientAuthentication.MultipleMethods.Create();
            }

            // TOKEN-11: a wrong client_assertion_type is a 400 invalid_client (no Authorization header was used).
            if (!string.Equals(assertionType, ClientAssertionValidator.JwtBearerAssertionType, StringComparison.Ordinal))
            {
                return SmartErrors.ClientAuthentication.AssertionTypeInvalid.Create(ClientAssertionValidator.JwtBearerAssertionType);
            }

            if (assertion is null)
            {
                return SmartErrors.ClientAuthentication.AssertionMissing.Create();
            }

            return await assertions.ValidateAsync(assertion, bodyClientId, cancellationToken).ConfigureAwait(false);
        }

        if (bodyClientId is null)
        {
            return SmartErrors.ClientAuthentication.ClientIdMissing.Create();
        }

        if (bodySecret is not null)
        {
            return await VerifySecretAsync(bodyClientId, bodySecret, usedHeader: false, cancellationToken).ConfigureAwait(false);
        }

        var client = await clients.FindByIdAsync(bodyClientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return SmartErrors.ClientAuthentication.ClientNotRegistered.Create();
        }

        return client.Kind == SmartClientKind.Public
            ? new AuthenticatedClient(client, ClientAuthenticationMethod.None)
            : (Result<AuthenticatedClient>)SmartErrors.ClientAuthentication.AuthenticationRequired.Create();
    }

    private async Task<Result<AuthenticatedClient>> VerifySecretAsync(string clientId, string secret, bool usedHeader, CancellationToken cancellationToken)
    {
        var client = await clients.FindByIdAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null || client.Kind != SmartClientKind.ConfidentialSymmetric)
        {
            return SmartErrors.ClientAuthentication.SecretInvalid.Create();
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
            ? new AuthenticatedClient(client, usedHeader ? ClientAuthenticationMethod.ClientSecretBasic : ClientAuthenticationMethod.ClientSecretPost)
            : (Result<AuthenticatedClient>)SmartErrors.ClientAuthentication.SecretInvalid.Create();
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
