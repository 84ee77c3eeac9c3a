using Microsoft.Extensions.Logging;

namespace Smart.AspNetCore.Logging;

/// <summary>
/// Log messages of Smart.AspNetCore. Event ids are stable and grouped by area (see docs/configuration.md):
/// 1000-1099 clients, 1100-1199 discovery, 1200-1299 signing keys, 2000-2099 authorization endpoint,
/// 3000-3099 token endpoint, 3100-3199 client assertions, JWKS fetching, revocation and introspection. Messages never contain tokens, codes,
/// secrets, assertions, launch handles or patient identifiers.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Error, "The client registry returned an invalid registration for client '{ClientId}'; the client is treated as unknown. Problems: {Problems}")]
    public static partial void InvalidClientRegistration(ILogger logger, string clientId, string problems);

    [LoggerMessage(1001, LogLevel.Error, "The client registry returned a client whose id differs from the requested '{ClientId}'; the client is treated as unknown.")]
    public static partial void ClientIdMismatch(ILogger logger, string clientId);

    [LoggerMessage(1100, LogLevel.Warning, "The CapabilityStatement at '{Path}' could not be decorated with SMART security because it is not a JSON CapabilityStatement.")]
    public static partial void CapabilityStatementNotDecorated(ILogger logger, string path);

    [LoggerMessage(1200, LogLevel.Information, "Generated a development signing key and saved it to '{Path}'. Development only: configure Smart:Signing:Keys in production.")]
    public static partial void DevelopmentKeyGenerated(ILogger logger, string path);

    [LoggerMessage(1201, LogLevel.Information, "Loaded signing key '{KeyId}' ({Algorithm}, {State}).")]
    public static partial void SigningKeyLoaded(ILogger logger, string keyId, string algorithm, string state);

    [LoggerMessage(2000, LogLevel.Information, "Authorization request from client '{ClientId}' refused ({ErrorId}): {Error} ({Description}).")]
    public static partial void AuthorizeRequestRefused(ILogger logger, string clientId, string errorId, string error, string description);

    [LoggerMessage(2001, LogLevel.Information, "Authorization code issued to client '{ClientId}' for grant {GrantTag}.")]
    public static partial void AuthorizationCodeIssued(ILogger logger, string clientId, string grantTag);

    [LoggerMessage(3000, LogLevel.Information, "Token request from client '{ClientId}' refused ({ErrorId}): {Error} ({Description}).")]
    public static partial void TokenRequestRefused(ILogger logger, string clientId, string errorId, string error, string description);

    [LoggerMessage(3001, LogLevel.Information, "Tokens issued to client '{ClientId}' for grant {GrantTag} ({GrantType}).")]
    public static partial void TokensIssued(ILogger logger, string clientId, string grantTag, string grantType);

    [LoggerMessage(3002, LogLevel.Warning, "An authorization code was presented again by client '{ClientId}'; grant {GrantTag} is revoked (TOKEN-3).")]
    public static partial void AuthorizationCodeReplayed(ILogger logger, string clientId, string grantTag);

    [LoggerMessage(3003, LogLevel.Warning, "A used refresh token was presented again by client '{ClientId}'; grant {GrantTag} is revoked (REFRESH-7).")]
    public static partial void RefreshTokenReused(ILogger logger, string clientId, string grantTag);

    [LoggerMessage(3100, LogLevel.Information, "A client assertion (private_key_jwt) for client '{ClientId}' was rejected: {Reason}")]
    public static partial void ClientAssertionRejected(ILogger logger, string clientId, string reason);

    [LoggerMessage(3101, LogLevel.Warning, "A client assertion of client '{ClientId}' was replayed (its jti was already used, CLIENT-5).")]
    public static partial void ClientAssertionReplayed(ILogger logger, string clientId);

    [LoggerMessage(3102, LogLevel.Debug, "Fetched the JWKS of client '{ClientId}': {KeyCount} keys, cached for {CacheSeconds} s.")]
    public static partial void ClientJwksFetched(ILogger logger, string clientId, int keyCount, int cacheSeconds);

    [LoggerMessage(3103, LogLevel.Warning, "The JWKS of client '{ClientId}' could not be fetched from its jwks_uri: {Reason}.")]
    public static partial void ClientJwksFetchFailed(ILogger logger, string clientId, string reason);

    [LoggerMessage(3110, LogLevel.Information, "Client '{ClientId}' revoked a {TokenType} ({Tag}).")]
    public static partial void TokenRevoked(ILogger logger, string clientId, string tokenType, string tag);

    [LoggerMessage(3111, LogLevel.Information, "Revocation request refused ({ErrorId}): {Error} ({Description}).")]
    public static partial void RevocationRequestRefused(ILogger logger, string errorId, string error, string description);

    [LoggerMessage(3120, LogLevel.Information, "Introspection request refused ({ErrorId}): {Error} ({Description}).")]
    public static partial void IntrospectionRequestRefused(ILogger logger, string errorId, string error, string description);

    [LoggerMessage(1202, LogLevel.Warning, "AddDevelopmentSigningKeys() is ignored outside the Development environment: signing keys come from Smart:Signing:Keys only.")]
    public static partial void DevelopmentKeysIgnored(ILogger logger);

    [LoggerMessage(3900, LogLevel.Error, "The {Endpoint} failed unexpectedly; it answered 500 server_error.")]
    public static partial void EndpointFailed(ILogger logger, string endpoint, Exception exception);

    [LoggerMessage(3901, LogLevel.Warning, "The {Endpoint} refused a request from client '{ClientId}' past its rate limit; retry after {RetryAfterSeconds} s.")]
    public static partial void RequestThrottled(ILogger logger, string endpoint, string clientId, int retryAfterSeconds);
}
