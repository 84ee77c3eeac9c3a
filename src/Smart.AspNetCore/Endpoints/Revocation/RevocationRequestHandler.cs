using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Logging;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Endpoints.Revocation;

/// <summary>
/// <c>POST {fhir}/auth/revoke</c> (RFC 7009, REVOKE-1..REVOKE-3): the client authenticates as at the token endpoint.
/// A refresh token revokes its whole grant (every refresh token of the family); an access token (a JWT this server
/// issued) goes on the <see cref="IAccessTokenDenylist"/> until it expires, which this library's resource server and
/// introspection endpoint consult. A client can only revoke its own tokens; anything else (unknown, invalid, expired
/// or another client's token) is answered 200 as well, without effect (RFC 7009 §2.1, §2.2). <c>token_type_hint</c>
/// is only a hint: both kinds are recognised by shape. Responses are never cached.
/// </summary>
internal sealed class RevocationRequestHandler(
    ClientAuthenticator authenticator,
    IRefreshTokenStore refreshTokens,
    GrantRevoker revoker,
    AccessTokenReader accessTokens,
    IAccessTokenDenylist denylist,
    SmartServerMetadata metadata,
    ILogger<RevocationRequestHandler> logger,
    OAuthRequestReader reader)
{
    // Kept a little past exp, so a resource server with clock skew still sees the revocation.
    private static readonly TimeSpan s_denylistMargin = TimeSpan.FromMinutes(5);

    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var read = await reader.ReadFormAsync(context).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            await FailAsync(context, read.Error, false).ConfigureAwait(false);
            return;
        }

        var request = TokenRequest.Parse(read.Parameters);
        var authentication = await authenticator.AuthenticateAsync(request, context.Request.Headers.Authorization, ct).ConfigureAwait(false);
        if (authentication.Error is { } authError)
        {
            await FailAsync(context, authError, authentication.UsedAuthorizationHeader).ConfigureAwait(false);
            return;
        }

        var client = authentication.Client!;
        var token = request[OAuthParameters.Token];
        if (token is null || request.RepeatedParameter is not null)
        {
            await FailAsync(context, OAuthError.InvalidRequest("Send exactly one token parameter."), false).ConfigureAwait(false);
            return;
        }

        if (AccessTokenReader.LooksLikeJwt(token))
        {
            var info = await accessTokens.ReadAsync(token, ct).ConfigureAwait(false);
            if (info is not null && string.Equals(info.ClientId, client.ClientId, StringComparison.Ordinal))
            {
                await denylist.AddAsync(AccessTokenReader.DenylistKey(info.Jti), info.ExpiresAt + s_denylistMargin, ct).ConfigureAwait(false);
                Log.TokenRevoked(logger, client.ClientId, "access_token", SecureValues.LogTag(info.Jti));
            }
        }
        else
        {
            var stored = await refreshTokens.FindAsync(SecureValues.HashHandle(token), ct).ConfigureAwait(false);
            if (stored is not null && string.Equals(stored.Grant.ClientId, client.ClientId, StringComparison.Ordinal))
            {
                await revoker.RevokeAsync(stored.Grant.GrantId, ct).ConfigureAwait(false);
                Log.TokenRevoked(logger, client.ClientId, "refresh_token", SecureValues.LogTag(stored.Grant.GrantId));
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        TokenResponses.SetNoStore(context.Response);
    }

    private Task FailAsync(HttpContext context, OAuthError error, bool usedAuthorizationHeader)
    {
        Log.RevocationRequestRefused(logger, error.Error, LogValue.Description(error.Description));
        return TokenResponses.WriteErrorAsync(context, error, usedAuthorizationHeader, metadata.Issuer);
    }
}
