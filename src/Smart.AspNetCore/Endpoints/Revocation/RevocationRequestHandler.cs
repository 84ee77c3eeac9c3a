using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Logging;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Requests;
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
    AccessTokenReader tokenReader,
    AccessTokenDefinition accessTokens,
    SmartServerMetadata metadata,
    SmartAuditDispatcher audit,
    ILogger<RevocationRequestHandler> logger,
    OAuthRequestReader requestReader)
{
    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var read = await requestReader.ReadFormAsync(context).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            await FailAsync(context, read.Error).ConfigureAwait(false);
            return;
        }

        var request = OAuthRequest.Parse(read.Parameters);
        var authentication = await authenticator.AuthenticateAsync(request, context.Request.Headers.Authorization, ct).ConfigureAwait(false);
        if (!authentication.Succeeded)
        {
            await FailAsync(context, authentication.Error).ConfigureAwait(false);
            return;
        }

        var client = authentication.Value.Client;
        var token = request[OAuthParameters.Token];
        if (token is null || request.RepeatedParameter is not null)
        {
            await FailAsync(context, SmartErrors.Revocation.TokenParameterInvalid.Create()).ConfigureAwait(false);
            return;
        }

        var revoked = new SmartAuditEvent(SmartAuditEventKind.Revocation, SmartAuditOutcome.Success, audit.Time, context)
        {
            ClientId = client.ClientId,
            Detail = "The token was not recognised as this client's; nothing was revoked (RFC 7009 §2.2).",
        };
        if (AccessTokenDefinition.LooksLikeJwt(token))
        {
            var info = await tokenReader.ReadAsync(token, ct).ConfigureAwait(false);
            if (info is not null && string.Equals(info.ClientId, client.ClientId, StringComparison.Ordinal))
            {
                await accessTokens.RevokeTokenAsync(info.Jti, info.ExpiresAt, ct).ConfigureAwait(false);
                Log.TokenRevoked(logger, client.ClientId, "access_token", SecureValues.LogTag(info.Jti));
                revoked = new SmartAuditEvent(SmartAuditEventKind.Revocation, SmartAuditOutcome.Success, audit.Time, context)
                {
                    ClientId = client.ClientId,
                    UserId = info.Token.TryGetPayloadValue<string>("sub", out var sub) ? sub : null,
                    PatientId = info.Token.TryGetPayloadValue<string>("patient", out var patient) ? patient : null,
                    Scopes = info.Token.TryGetPayloadValue<string>("scope", out var scope) ? scope : null,
                    Detail = "An access token was revoked.",
                };
            }
        }
        else
        {
            var stored = await refreshTokens.FindAsync(SecureValues.HashHandle(token), ct).ConfigureAwait(false);
            if (stored is not null && string.Equals(stored.Grant.ClientId, client.ClientId, StringComparison.Ordinal))
            {
                await revoker.RevokeAsync(stored.Grant.GrantId, ct).ConfigureAwait(false);
                Log.TokenRevoked(logger, client.ClientId, "refresh_token", SecureValues.LogTag(stored.Grant.GrantId));
                revoked = new SmartAuditEvent(SmartAuditEventKind.Revocation, SmartAuditOutcome.Success, audit.Time, context)
                {
                    ClientId = client.ClientId,
                    UserId = string.IsNullOrEmpty(stored.Grant.Subject) ? null : stored.Grant.Subject,
                    FhirUser = stored.Grant.FhirUser,
                    PatientId = stored.Grant.LaunchContext?.Patient,
                    Scopes = stored.Grant.Scope,
                    GrantIdHash = AccessTokenDefinition.GrantHash(stored.Grant.GrantId),
                    Detail = "A refresh token was revoked; its grant ended.",
                };
            }
        }

        audit.Raise(revoked);
        context.Response.StatusCode = StatusCodes.Status200OK;
        NoStoreHeaders.ApplyJson(context.Response);
    }

    private Task FailAsync(HttpContext context, OAuthError error)
    {
        Log.RevocationRequestRefused(logger, error.Id, error.Error, LogValue.Description(error.Description));
        audit.Raise(new SmartAuditEvent(SmartAuditEventKind.Revocation, SmartAuditOutcome.Failure, audit.Time, context)
        {
            ErrorId = error.Id,
            Error = error.Error,
            Detail = error.Description,
        });
        return OAuthErrorResponse.WriteAsync(context, error, metadata.Issuer);
    }
}
