using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Logging;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Requests;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Endpoints.Introspection;

/// <summary>
/// <c>POST {fhir}/auth/introspect</c> (RFC 7662 with the SMART profile, INTROSPECT-1..INTROSPECT-6).
/// <para>
/// Who may call (RFC 7662 §2.1 requires some authorization): a <b>confidential</b> client authenticating as at the token
/// endpoint (<c>client_secret_basic</c>, <c>client_secret_post</c> or <c>private_key_jwt</c>), or a caller presenting in
/// <c>Authorization: Bearer</c> an active access token this server issued to a <b>backend service</b> client (for
/// example a resource server registered as a backend service, INTROSPECT-6). Public clients and everyone else get 401.
/// Authorized callers may introspect any client's tokens.
/// </para>
/// <para>
/// An active access token is described from its claims (<c>active</c>, <c>scope</c>, <c>client_id</c>, <c>exp</c>,
/// <c>iat</c>, <c>sub</c>, <c>aud</c>, <c>iss</c>, <c>token_type</c>, <c>patient</c>, <c>encounter</c>, <c>fhirUser</c>);
/// an active refresh token from its grant. Anything else (inactive, expired, revoked, unknown, malformed) is exactly
/// <c>{"active":false}</c> with 200 (INTROSPECT-5). Responses are never cached.
/// </para>
/// </summary>
internal sealed class IntrospectionRequestHandler(
    ClientAuthenticator authenticator,
    IClientRegistry clients,
    IRefreshTokenStore refreshTokens,
    AccessTokenReader accessTokens,
    SmartServerMetadata metadata,
    TimeProvider timeProvider,
    SmartAuditDispatcher audit,
    ILogger<IntrospectionRequestHandler> logger,
    OAuthRequestReader reader)
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] s_inactive = """{"active":false}"""u8.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var read = await reader.ReadFormAsync(context).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, read.Error, null).ConfigureAwait(false);
            return;
        }

        var request = OAuthRequest.Parse(read.Parameters);
        string authorization = context.Request.Headers.Authorization.ToString();
        string callerId;
        if (AuthenticationHeaderValue.TryParse(authorization, out var header) && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var caller = string.IsNullOrEmpty(header.Parameter) ? null : await accessTokens.ReadAsync(header.Parameter, ct).ConfigureAwait(false);
            var callerClient = caller is { IsActive: true } ? await clients.FindByIdAsync(caller.ClientId, ct).ConfigureAwait(false) : null;
            if (callerClient is not { Kind: SmartClientKind.BackendService })
            {
                var error = SmartErrors.Introspection.BearerNotBackendService.Create();
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, error, $"Bearer realm=\"{metadata.Issuer}\", error=\"invalid_token\"").ConfigureAwait(false);
                return;
            }

            callerId = callerClient.ClientId;
        }
        else
        {
            var authentication = await authenticator.AuthenticateAsync(request, authorization, ct).ConfigureAwait(false);
            if (!authentication.Succeeded || authentication.Value.Method == ClientAuthenticationMethod.None)
            {
                var error = authentication.Succeeded
                    ? SmartErrors.Introspection.ClientNotConfidential.Create()
                    : SmartErrors.Introspection.ClientAuthenticationFailed.Create(authentication.Error.Description);
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, error, $"Basic realm=\"{metadata.Issuer}\"").ConfigureAwait(false);
                return;
            }

            callerId = authentication.Value.Client.ClientId;
        }

        var token = request[OAuthParameters.Token];
        if (token is null || request.RepeatedParameter is not null)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, SmartErrors.Introspection.TokenParameterInvalid.Create(), null, callerId).ConfigureAwait(false);
            return;
        }

        var body = AccessTokenDefinition.LooksLikeJwt(token)
            ? await DescribeAccessTokenAsync(token, ct).ConfigureAwait(false)
            : await DescribeRefreshTokenAsync(token, ct).ConfigureAwait(false);

        audit.Raise(new SmartAuditEvent(SmartAuditEventKind.Introspection, SmartAuditOutcome.Success, timeProvider, context)
        {
            ClientId = callerId,
            Detail = ReferenceEquals(body, s_inactive) ? "The token is not active." : "The token is active.",
        });
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        NoStoreHeaders.ApplyJson(response);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ct).ConfigureAwait(false);
    }

    private async Task<byte[]> DescribeAccessTokenAsync(string token, CancellationToken cancellationToken)
    {
        var info = await accessTokens.ReadAsync(token, cancellationToken).ConfigureAwait(false);
        if (info is not { IsActive: true })
        {
            return s_inactive;
        }

        var jwt = info.Token;
        return Write(json =>
        {
            json.WriteBoolean("active", true);
            WriteClaim(json, "scope");
            json.WriteString("client_id", info.ClientId);
            json.WriteNumber("exp", info.ExpiresAt.ToUnixTimeSeconds());
            if (jwt.TryGetPayloadValue<long>("iat", out var iat))
            {
                json.WriteNumber("iat", iat);
            }

            WriteClaim(json, "sub");
            WriteClaim(json, "aud");
            WriteClaim(json, "iss");
            json.WriteString("token_type", "Bearer");
            WriteClaim(json, "patient");
            WriteClaim(json, "encounter");
            if (jwt.TryGetPayloadValue<string>("fhirUser", out var fhirUser) && !string.IsNullOrEmpty(fhirUser))
            {
                json.WriteString("fhirUser", metadata.AbsoluteFhirUser(fhirUser));
            }

            if (jwt.TryGetPayloadValue<bool>(SmartBreakGlass.Claim, out var breakGlass) && breakGlass)
            {
                json.WriteBoolean(SmartBreakGlass.Claim, true);
            }
        });

        void WriteClaim(Utf8JsonWriter json, string name)
        {
            if (jwt.TryGetPayloadValue<string>(name, out var value) && value is not null)
            {
                json.WriteString(name, value);
            }
        }
    }

    private async Task<byte[]> DescribeRefreshTokenAsync(string token, CancellationToken cancellationToken)
    {
        var stored = await refreshTokens.FindAsync(SecureValues.HashHandle(token), cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.ExpiresAt <= timeProvider.GetUtcNow())
        {
            return s_inactive;
        }

        var grant = stored.Grant;
        return Write(json =>
        {
            json.WriteBoolean("active", true);
            json.WriteString("scope", grant.Scope);
            json.WriteString("client_id", grant.ClientId);
            json.WriteNumber("exp", stored.ExpiresAt.ToUnixTimeSeconds());
            json.WriteString("sub", grant.Subject);
            json.WriteString("iss", metadata.Issuer);
            if (grant.LaunchContext is { } launch)
            {
                LaunchContextJson.Write(json, launch);
            }

            if (grant.FhirUser is { } fhirUser)
            {
                json.WriteString("fhirUser", metadata.AbsoluteFhirUser(fhirUser));
            }

            if (grant.BreakGlass)
            {
                json.WriteBoolean(SmartBreakGlass.Claim, true);
            }
        });
    }

    private static byte[] Write(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream(512);
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private Task WriteErrorAsync(HttpContext context, int status, OAuthError error, string? challenge, string? callerId = null)
    {
        Log.IntrospectionRequestRefused(logger, error.Id, error.Error, LogValue.Description(error.Description));
        audit.Raise(new SmartAuditEvent(SmartAuditEventKind.Introspection, SmartAuditOutcome.Failure, timeProvider, context)
        {
            ClientId = callerId,
            ErrorId = error.Id,
            Error = error.Error,
            Detail = error.Description,
        });
        return OAuthErrorResponse.WriteAsync(context, error, status, challenge);
    }
}
