using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Events;
using Smart.AspNetCore.Logging;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Requests;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>
/// <c>POST {fhir}/auth/token</c>: form parsing, client authentication, grant dispatch, token minting, and CORS for
/// the client's registered origins (TOKEN-13). Responses are never cached (TOKEN-8).
/// </summary>
internal sealed class TokenRequestHandler(
    ClientAuthenticator authenticator,
    AuthorizationCodeGrantHandler authorizationCode,
    RefreshTokenGrantHandler refreshToken,
    ClientCredentialsGrantHandler clientCredentials,
    TokenIssuer issuer,
    ICorsService corsService,
    SmartServerMetadata metadata,
    IOptions<SmartOnFhirOptions> options,
    SmartAuditDispatcher audit,
    ILogger<TokenRequestHandler> logger,
    OAuthRequestReader reader)
{
    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var read = await reader.ReadFormAsync(context).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            await FailAsync(context, null, read.Error).ConfigureAwait(false);
            return;
        }

        var request = OAuthRequest.Parse(read.Parameters);
        var authentication = await authenticator.AuthenticateAsync(request, context.Request.Headers.Authorization, ct).ConfigureAwait(false);
        if (!authentication.Succeeded)
        {
            await FailAsync(context, null, authentication.Error).ConfigureAwait(false);
            return;
        }

        var client = authentication.Value.Client;
        ApplyCors(context, client);

        if (request.RepeatedParameter is { } repeated)
        {
            await FailAsync(context, client, SmartErrors.Token.ParameterRepeated.Create(repeated), request[OAuthParameters.GrantType]).ConfigureAwait(false);
            return;
        }

        var grantType = request[OAuthParameters.GrantType];
        Result<TokenGrantOutcome> outcome;
        switch (grantType)
        {
            case null:
                outcome = SmartErrors.Token.GrantTypeMissing.Create();
                break;
            case SmartGrantTypes.AuthorizationCode or SmartGrantTypes.RefreshToken or SmartGrantTypes.ClientCredentials when !client.GetEffectiveGrantTypes().Contains(grantType):
                outcome = SmartErrors.Token.GrantTypeNotAllowed.Create(grantType);
                break;
            case SmartGrantTypes.AuthorizationCode:
                outcome = await authorizationCode.HandleAsync(request, client, ct).ConfigureAwait(false);
                break;
            case SmartGrantTypes.RefreshToken:
                outcome = await refreshToken.HandleAsync(request, client, ct).ConfigureAwait(false);
                break;
            case SmartGrantTypes.ClientCredentials:
                outcome = clientCredentials.Handle(request, client, authentication.Value.Method);
                break;
            default:
                outcome = SmartErrors.Token.GrantTypeUnsupported.Create();
                break;
        }

        if (!outcome.Succeeded)
        {
            await FailAsync(context, client, outcome.Error, grantType).ConfigureAwait(false);
            return;
        }

        var issuing = new SmartTokenIssuingContext(context, client, outcome.Value.Grant, grantType!);
        await options.Value.Events.IssuingTokens(issuing).ConfigureAwait(false);
        using var tokens = await issuer.IssueAsync(issuing, outcome.Value.Scope, outcome.Value.Nonce, ct).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information))
        {
            // The tag is a hash: made only when the entry is written.
            Log.TokensIssued(logger, client.ClientId, SecureValues.LogTag(outcome.Value.Grant.GrantId), grantType!);
        }

        var grant = outcome.Value.Grant;
        var grantIdHash = tokens.GrantIdHash;
        audit.Raise(new SmartAuditEvent(SmartAuditEventKind.TokenIssued, SmartAuditOutcome.Success, audit.Time, context)
        {
            ClientId = client.ClientId,
            UserId = string.IsNullOrEmpty(grant.Subject) ? null : grant.Subject,
            FhirUser = grant.FhirUser,
            PatientId = grant.LaunchContext?.Patient,
            Scopes = tokens.Scope,
            GrantType = grantType,
            GrantIdHash = grantIdHash,
        });
        await TokenResponses.WriteSuccessAsync(context, tokens).ConfigureAwait(false);
        await options.Value.Events.TokenIssued(new SmartTokenIssuedContext(context, client, grant, grantType!, tokens.Scope, grantIdHash)).ConfigureAwait(false);
    }

    /// <summary>Preflight: the browser does not say which client it is, so any origin may ask; the real response decides.</summary>
    public Task HandlePreflightAsync(HttpContext context)
    {
        var policy = new CorsPolicyBuilder()
            .SetIsOriginAllowed(static _ => true)
            .WithMethods(HttpMethods.Post)
            .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.Accept)
            .SetPreflightMaxAge(options.Value.Cors.PreflightMaxAge)
            .Build();
        var result = corsService.EvaluatePolicy(context, policy);
        corsService.ApplyResult(result, context.Response);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private void ApplyCors(HttpContext context, SmartClient client)
    {
        if (!context.Request.Headers.ContainsKey(HeaderNames.Origin))
        {
            return;
        }

        ClientCors.Apply(corsService, context, client, options.Value.Cors.AdditionalAllowedOrigins, static p => p.WithMethods(HttpMethods.Post));
    }

    private async Task FailAsync(HttpContext context, SmartClient? client, OAuthError error, string? grantType = null)
    {
        Log.TokenRequestRefused(logger, client?.ClientId ?? "(unauthenticated)", error.Id, error.Error, LogValue.Description(error.Description));
        audit.Raise(new SmartAuditEvent(SmartAuditEventKind.TokenRefused, SmartAuditOutcome.Failure, audit.Time, context)
        {
            ClientId = client?.ClientId,
            GrantType = grantType,
            ErrorId = error.Id,
            Error = error.Error,
            Detail = error.Description,
        });
        await OAuthErrorResponse.WriteAsync(context, error, metadata.Issuer).ConfigureAwait(false);
        await options.Value.Events.TokenRequestRefused(new SmartTokenRequestRefusedContext(context, client, grantType, error.Error, error.Id, error.Description)).ConfigureAwait(false);
    }
}
