using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Events;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Handles <see cref="SmartScopeRequirement"/>: classifies the FHIR request, decides from the token's scopes before the
/// endpoint runs (RS-5), checks request bodies (writes, batch and transaction entries), and records the decision for the
/// 403 response and the response filter. Does nothing for requests it cannot decide (no HttpContext, no token), so the
/// policy challenges or forbids.
/// </summary>
internal sealed partial class SmartScopeAuthorizationHandler(
    SmartServerMetadata metadata,
    IOptions<SmartResourceServerOptions> options,
    IOptions<SmartOnFhirOptions> smartOptions,
    SmartAuditDispatcher audit,
    ILogger<SmartScopeAuthorizationHandler> logger) : AuthorizationHandler<SmartScopeRequirement>
{
    private readonly SmartResourceServerOptions _options = options.Value;
    private readonly IReadOnlyCollection<string> _restrictedLabels = [.. options.Value.RestrictedSecurityLabels];

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SmartScopeRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            return;
        }

        var request = Classify(http.Request, metadata.BasePath);
        if (request.Interaction == FhirInteraction.Capabilities)
        {
            context.Succeed(requirement);
            return;
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var access = http.GetSmartAccessContext(metadata.Issuer, _restrictedLabels)!;
        var decision = SmartAccessDecider.Decide(access, request, _options);
        if (request.Interaction == FhirInteraction.Create)
        {
            decision = SmartWriteRules.CheckConditionalCreate(access, request.ResourceType!, http.Request.Headers[SmartWriteRules.IfNoneExistHeader], decision);
        }

        var feature = new SmartAccessDecisionFeature(request, decision);
        http.Features.Set(feature);

        if (decision.IsAllowed && decision.CheckRequestBody)
        {
            using var body = await FhirRequestBody.ReadAsync(http.Request).ConfigureAwait(false);
            decision = body is null
                ? SmartAccessDecision.Deny("The request body is not FHIR JSON.")
                : request.Interaction == FhirInteraction.BatchOrTransaction
                    ? SmartRequestBodyAuthorizer.CheckBundle(access, body.RootElement, metadata.BasePath, metadata.Issuer, _options)
                    : SmartRequestBodyAuthorizer.CheckResource(access, request, body.RootElement, decision);
        }

        if (decision.IsAllowed && !decision.CheckResponse && SmartSecurityLabels.Applies(access, request.Interaction))
        {
            // Restricted security labels are withheld whatever the scopes: the response is checked.
            decision = decision with { CheckResponse = true };
        }

        if (decision.IsAllowed && decision.CheckResponse && http.GetEndpoint()?.Metadata.GetMetadata<SmartResponseFilterMetadata>() is null)
        {
            ResourceServerLog.ResponseFilterMissing(logger, http.GetEndpoint()?.DisplayName);
            decision = SmartAccessDecision.Deny("The FHIR endpoint cannot enforce the access token's constraints.");
        }

        // The host observes the decision and may add its own refusal (never a permission). Without a hook (the
        // delegate left unset and AccessDecision not overridden) nothing could see the context: it is not built.
        var events = smartOptions.Value.Events;
        if (events.ObservesAccessDecisions)
        {
            var hook = new SmartAccessDecisionContext(
                http, access.ClientId, access.Subject, access.Patient, access.Scopes, FhirInteractionCodes.Of(request.Interaction) ?? "unknown",
                request.ResourceType, request.Id.IsEmpty ? null : request.Id.ToString(), decision.IsAllowed, decision.DenialReason);
            await events.AccessDecision(hook).ConfigureAwait(false);
            if (decision.IsAllowed && !hook.IsAllowed)
            {
                decision = SmartAccessDecision.Deny(hook.DenialReason!);
            }
        }

        feature.Decision = decision;
        audit.Telemetry.ResourceServerDecision(decision.IsAllowed, decision.IsAllowed ? null : SmartErrors.ResourceServer.AccessDenied.Id);
        if (decision.IsAllowed)
        {
            if (audit.RecordPermittedAccess)
            {
                Raise(http, access, request, SmartAuditEventKind.AccessPermitted, SmartAuditOutcome.Success, null);
            }

            context.Succeed(requirement);
            return;
        }

        ResourceServerLog.AccessDenied(logger, access.ClientId, SmartErrors.ResourceServer.AccessDenied.Id, decision.DenialReason!);
        Raise(http, access, request, SmartAuditEventKind.AccessRefused, SmartAuditOutcome.Failure, decision.DenialReason);
        context.Fail(new AuthorizationFailureReason(this, decision.DenialReason!));
    }

    private void Raise(HttpContext http, SmartAccessContext access, FhirRequest request, SmartAuditEventKind kind, SmartAuditOutcome outcome, string? reason) =>
        audit.Raise(new SmartAuditEvent(kind, outcome, audit.Time, http)
        {
            ClientId = access.ClientId,
            UserId = access.Subject,
            FhirUser = access.FhirUser,
            PatientId = access.Patient,
            Scopes = access.Scopes.ToString(),
            ResourceType = request.ResourceType,
            Interaction = FhirInteractionCodes.Of(request.Interaction),
            ErrorId = reason is null ? null : SmartErrors.ResourceServer.AccessDenied.Id,
            Error = reason is null ? null : SmartErrors.ResourceServer.AccessDenied.Error,
            Detail = reason,
        });

    internal static FhirRequest Classify(HttpRequest request, string basePath)
    {
        var path = request.PathBase.HasValue ? request.PathBase.Value + request.Path.Value : request.Path.Value ?? string.Empty;
        return FhirRequestClassifier.Classify(request.Method, path, basePath);
    }
}
