using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.Logging;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.ClientAuthentication;

/// <summary>
/// <c>private_key_jwt</c> client authentication (RFC 7523 §2.2 and §3, SMART asymmetric client profile, CLIENT-3..CLIENT-8):
/// exactly one compact JWS signed with RS384, ES384, RS256 or ES256 (never <c>none</c> or HMAC), header <c>kid</c>
/// required and <c>typ</c> <c>JWT</c> when present, <c>iss</c> = <c>sub</c> = a registered asymmetric or backend client
/// (= <c>client_id</c> when sent), <c>aud</c> = the token endpoint URL or the issuer exactly (see
/// <see cref="ClientAssertionAudience"/>), <c>exp</c> required, in the future and
/// at most <see cref="MaxLifetime"/> ahead, <c>nbf</c>/<c>iat</c> not in the future, and a single-use <c>jti</c>.
/// Times are compared with <see cref="ClockSkew"/> of tolerance. Every failure is <c>invalid_client</c>.
/// </summary>
internal sealed class ClientAssertionValidator(
    IClientRegistry clients,
    ClientJwksProvider jwks,
    IClientAssertionReplayCache replayCache,
    SmartServerMetadata metadata,
    TimeProvider timeProvider,
    ILogger<ClientAssertionValidator> logger)
{
    /// <summary>The only <c>client_assertion_type</c> (RFC 7523 §2.2).</summary>
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The longest an assertion may live: <c>exp</c> at most 5 minutes ahead (CLIENT-4).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Tolerance for clock differences between client and server on <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private const int MaxAssertionLength = 16 * 1024;
    private static readonly JsonWebTokenHandler s_handler = new() { MaximumTokenSizeInBytes = MaxAssertionLength };

    public async Task<Result<AuthenticatedClient>> ValidateAsync(string assertion, string? clientIdParameter, CancellationToken cancellationToken)
    {
        var (client, error, issuer) = await ValidateCoreAsync(assertion, clientIdParameter, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            // iss is a client id (not a secret); it is logged only once it was read from the assertion.
            Log.ClientAssertionRejected(logger, LogValue.Sanitize(issuer ?? clientIdParameter ?? "(unknown)"), error!);
            return SmartErrors.ClientAuthentication.AssertionInvalid.Create(error);
        }

        return new AuthenticatedClient(client, ClientAuthenticationMethod.PrivateKeyJwt);
    }

    private async Task<(SmartClient? Client, string? Error, string? Issuer)> ValidateCoreAsync(string assertion, string? clientIdParameter, CancellationToken cancellationToken)
    {
        if (assertion.Length > MaxAssertionLength || !s_handler.CanReadToken(assertion))
        {
            return (null, "not a JWT.", null);
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(assertion);
        }
        catch (ArgumentException)
        {
            return (null, "not a JWT.", null);
        }

        if (jwt.IsEncrypted || assertion.Split('.').Length != 3)
        {
            return (null, "not a signed JWT (JWS compact serialization).", null);
        }

        var algorithm = jwt.Alg;
        if (string.IsNullOrEmpty(algorithm) || !SmartServerMetadata.ClientAssertionAlgorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            return (null, $"alg must be one of {string.Join(", ", SmartServerMetadata.ClientAssertionAlgorithms)}.", null);
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return (null, "the kid header is missing.", null);
        }

        if (!string.IsNullOrEmpty(jwt.Typ) && !string.Equals(jwt.Typ, "JWT", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "typ must be JWT.", null);
        }

        var issuer = ClaimString(jwt, JwtRegisteredClaimNames.Iss);
        var subject = ClaimString(jwt, JwtRegisteredClaimNames.Sub);
        if (string.IsNullOrEmpty(issuer) || !string.Equals(issuer, subject, StringComparison.Ordinal))
        {
            return (null, "iss and sub must both be the client_id.", LogSafe(issuer));
        }

        if (clientIdParameter is not null && !string.Equals(clientIdParameter, issuer, StringComparison.Ordinal))
        {
            return (null, "client_id does not match the assertion's iss.", LogSafe(issuer));
        }

        var client = await clients.FindByIdAsync(issuer, cancellationToken).ConfigureAwait(false);
        if (client is null || client.Kind is not (SmartClientKind.ConfidentialAsymmetric or SmartClientKind.BackendService))
        {
            return (null, "the client is not registered for private_key_jwt.", LogSafe(issuer));
        }

        // CLIENT-6: a jku header must name the registered JWKS URL; it is never dereferenced otherwise (SEC-8).
        if (jwt.TryGetHeaderValue<string>("jku", out var jku)
            && (client.JwksUri is null || !string.Equals(jku, client.JwksUri.AbsoluteUri, StringComparison.Ordinal) && !string.Equals(jku, client.JwksUri.OriginalString, StringComparison.Ordinal)))
        {
            return (null, "jku does not match the client's registered JWKS URL.", LogSafe(issuer));
        }

        var candidates = await jwks.FindKeysAsync(client, jwt.Kid, cancellationToken).ConfigureAwait(false);
        if (candidates is null)
        {
            return (null, "the client's JWKS could not be read.", LogSafe(issuer));
        }

        var fitting = candidates.Where(k => Fits(k, algorithm)).ToList();
        if (fitting.Count != 1)
        {
            return (null, fitting.Count == 0 ? "no key with this kid fits alg." : "several keys match this kid.", LogSafe(issuer));
        }

        // CLIENT-4: aud names only the token endpoint URL or the issuer (RFC 7523bis); checked here, not by the
        // handler, because the handler accepts an aud array if any one entry matches.
        if (!ClientAssertionAudience.IsAcceptable(jwt, metadata))
        {
            return (null, ClientAssertionAudience.Requirement, client.ClientId);
        }

        var result = await s_handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidAlgorithms = [algorithm],
            IssuerSigningKey = fitting[0],
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            ValidIssuer = client.ClientId,
            ValidateIssuer = true,
            ValidateAudience = false, // checked above by ClientAssertionAudience
            // Lifetime is checked below against the injected clock.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        }).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (null, result.Exception switch
            {
                SecurityTokenInvalidIssuerException => "iss is not the client.",
                SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "the signature is invalid.",
                SecurityTokenInvalidAlgorithmException => "alg is not accepted.",
                _ => "validation failed.",
            }, client.ClientId);
        }

        var now = timeProvider.GetUtcNow();
        if (!TryGetTime(jwt, JwtRegisteredClaimNames.Exp, out var expires))
        {
            return (null, "exp is missing.", LogSafe(issuer));
        }

        if (expires + ClockSkew <= now)
        {
            return (null, "the assertion expired.", LogSafe(issuer));
        }

        if (expires > now + MaxLifetime + ClockSkew)
        {
            return (null, "exp is more than 5 minutes in the future.", LogSafe(issuer));
        }

        if (TryGetTime(jwt, JwtRegisteredClaimNames.Nbf, out var notBefore) && notBefore > now + ClockSkew)
        {
            return (null, "the assertion is not yet valid (nbf).", LogSafe(issuer));
        }

        if (TryGetTime(jwt, JwtRegisteredClaimNames.Iat, out var issuedAt) && issuedAt > now + ClockSkew)
        {
            return (null, "iat is in the future.", LogSafe(issuer));
        }

        var jti = ClaimString(jwt, JwtRegisteredClaimNames.Jti);
        if (string.IsNullOrEmpty(jti))
        {
            return (null, "jti is missing.", LogSafe(issuer));
        }

        // CLIENT-5: single use per issuer until the assertion can no longer be accepted.
        if (!await replayCache.TryAddAsync(ReplayKey(client.ClientId, jti), expires + ClockSkew, cancellationToken).ConfigureAwait(false))
        {
            Log.ClientAssertionReplayed(logger, client.ClientId);
            return (null, "the jti was already used.", LogSafe(issuer));
        }

        return (client, null, client.ClientId);
    }

    private static string? LogSafe(string? value) =>
        value is { Length: > 0 and <= 200 } && value.All(c => c is > ' ' and <= '~') ? value : null;

    /// <summary>The key of an assertion in the replay cache: base64url SHA-256 of <c>iss</c>, a separator and <c>jti</c>.</summary>
    internal static string ReplayKey(string issuer, string jti) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + jti)));

    /// <summary>CLIENT-6: the key type (and curve) fits <paramref name="algorithm"/>, and the key is not restricted to another use or algorithm.</summary>
    internal static bool Fits(JsonWebKey key, string algorithm)
    {
        if (!string.IsNullOrEmpty(key.Use) && !string.Equals(key.Use, "sig", StringComparison.Ordinal))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(key.Alg) && !string.Equals(key.Alg, algorithm, StringComparison.Ordinal))
        {
            return false;
        }

        return algorithm switch
        {
            SmartSigningAlgorithms.RS256 or SmartSigningAlgorithms.RS384 => key.Kty == JsonWebAlgorithmsKeyTypes.RSA,
            SmartSigningAlgorithms.ES256 => key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve && key.Crv == JsonWebKeyECTypes.P256,
            SmartSigningAlgorithms.ES384 => key.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve && key.Crv == JsonWebKeyECTypes.P384,
            _ => false,
        };
    }

    private static string? ClaimString(JsonWebToken jwt, string name) =>
        jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;

    private static bool TryGetTime(JsonWebToken jwt, string name, out DateTimeOffset value)
    {
        value = default;
        if (!jwt.TryGetPayloadValue<long>(name, out var seconds))
        {
            if (!jwt.TryGetPayloadValue<double>(name, out var fractional))
            {
                return false;
            }

            seconds = (long)fractional;
        }

        if (seconds is < 0 or > 253402300799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
