using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Stores;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// JWT bearer events of the <c>SmartOnFhir</c> scheme: RFC 6750 challenges with the FHIR base as realm and a FHIR
/// OperationOutcome body (RS-3, RS-4), revoked tokens (the <see cref="IAccessTokenDenylist"/>, RFC 7009) refused as
/// <c>invalid_token</c>, and 403 <c>insufficient_scope</c> with the decision's reason (RS-5).
/// Token values are never logged.
/// </summary>
internal sealed class SmartBearerEvents(string realm, string basePath, AccessTokenDefinition accessTokens, SmartAuditDispatcher audit, ILogger logger) : JwtBearerEvents
{
    public override Task MessageReceived(MessageReceivedContext context)
    {
        // RS-3: only the Authorization header; a token in the query string (access_token=) is ignored by JwtBearer.
        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        // RS-4, REVOKE-2: a revoked token is invalid until it expires.
        try
        {
            if (context.SecurityToken is JsonWebToken token
                && await accessTokens.IsRevokedAsync(token, context.HttpContext.RequestAborted).ConfigureAwait(false))
            {
                context.Fail(new SmartTokenRevokedException());
            }
        }
        catch (SmartStoreUnavailableException ex)
        {
            // Not known to be valid: fail, and the challenge answers 503 (never access, never a 500).
            context.Fail(ex);
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        if (context.AuthenticateFailure is SmartStoreUnavailableException)
        {
            await StoreUnavailableOutcome.WriteAsync(context.HttpContext).ConfigureAwait(false);
            return;
        }

        string? error = null;
        string? description = null;
        if (context.AuthenticateFailure is { } failure)
        {
            error = "invalid_token";
            var rejection = failure switch
            {
                SecurityTokenExpiredException => SmartErrors.ResourceServer.TokenExpired,
                SecurityTokenNotYetValidException => SmartErrors.ResourceServer.TokenNotYetValid,
                SecurityTokenInvalidAudienceException => SmartErrors.ResourceServer.TokenAudienceInvalid,
                SecurityTokenInvalidIssuerException => SmartErrors.ResourceServer.TokenIssuerInvalid,
                SecurityTokenInvalidTypeException => SmartErrors.ResourceServer.TokenTypeInvalid,
                SmartTokenRevokedException => SmartErrors.ResourceServer.TokenRevoked,
                _ => SmartErrors.ResourceServer.TokenInvalid,
            };
            description = rejection.Description;
            ResourceServerLog.TokenRejected(logger, rejection.Id, failure.GetType().Name);
            audit.Telemetry.ResourceServerDecision(allowed: false, rejection.Id);
            var request = SmartScopeAuthorizationHandler.Classify(context.HttpContext.Request, basePath);
            audit.Raise(new SmartAuditEvent(SmartAuditEventKind.AccessRefused, SmartAuditOutcome.Failure, audit.Time, context.HttpContext)
            {
                ResourceType = request.ResourceType,
                Interaction = FhirInteractionCodes.Of(request.Interaction),
                ErrorId = rejection.Id,
                Error = rejection.Error,
                Detail = rejection.Description,
            });
        }
        else if (!string.IsNullOrEmpty(context.Error))
        {
            error = context.Error;
            description = context.ErrorDescription;
        }

        await OperationOutcomeWriter.WriteUnauthorizedAsync(context.HttpContext, realm, error, description).ConfigureAwait(false);
    }

    public override Task Forbidden(ForbiddenContext context)
    {
        var reason = context.HttpContext.Features.Get<SmartAccessDecisionFeature>()?.Decision.DenialReason
            ?? "Granted scopes do not permit this request.";
        return OperationOutcomeWriter.WriteForbiddenAsync(context.HttpContext, realm, reason);
    }
}
