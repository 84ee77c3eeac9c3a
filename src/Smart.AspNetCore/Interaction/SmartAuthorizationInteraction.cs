using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Events;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Scopes;
using Smart.AspNetCore.Users;

namespace Smart.AspNetCore.Interaction;

/// <summary>Default <see cref="ISmartAuthorizationInteraction"/>, over the pending-request store.</summary>
internal sealed class SmartAuthorizationInteraction(
    PendingAuthorizationStore pendingStore,
    IClientRegistry clients,
    SmartServerMetadata metadata,
    IOptions<SmartOnFhirOptions> options,
    IHttpContextAccessor httpContextAccessor,
    SmartAuditDispatcher audit,
    ILogger<SmartAuthorizationInteraction> logger) : ISmartAuthorizationInteraction
{
    public async Task<SmartAuthorizationRequestInfo?> GetRequestAsync(ClaimsPrincipal user, string requestId, CancellationToken cancellationToken = default)
    {
        var pending = await FindOwnAsync(user, requestId, cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            return null;
        }

        var client = await clients.FindByIdAsync(pending.Request.ClientId!, cancellationToken).ConfigureAwait(false);
        var scopes = SmartScopeSet.Parse(pending.GrantableScope);
        var remembered = pending.RememberedScope is null ? null : SmartScopeSet.Parse(pending.RememberedScope);
        return new SmartAuthorizationRequestInfo(
            requestId,
            pending.Request.ClientId!,
            client?.ClientName,
            [.. scopes.Select(s => new SmartScopeInfo(s.Value, SmartScopeDescriber.Describe(s), SmartScopeDescriber.IsIdentityOrLaunch(s), remembered is not null && !remembered.Contains(s.Value)))],
            pending.Launch?.Context.Patient ?? pending.SelectedPatient,
            pending.Launch is not null,
            scopes.Contains(SmartScopeKind.OfflineAccess));
    }

    public async Task<string?> SelectPatientAsync(ClaimsPrincipal user, string requestId, string patientId, string? encounterId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        var pending = await FindOwnAsync(user, requestId, cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            return null;
        }

        pending.SelectedPatient = patientId;
        pending.SelectedEncounter = string.IsNullOrEmpty(encounterId) ? null : encounterId;
        await pendingStore.SaveAsync(requestId, pending, cancellationToken).ConfigureAwait(false);
        return ResumeUrl(requestId);
    }

    public async Task<string?> ApproveAsync(ClaimsPrincipal user, string requestId, IEnumerable<string> approvedScopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approvedScopes);
        var pending = await FindOwnAsync(user, requestId, cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            return null;
        }

        // Only what was grantable can be approved; the endpoint intersects again when it issues the code.
        var approved = SmartScopeSet.Parse(pending.GrantableScope).Intersect(SmartScopeSet.Create(approvedScopes));
        pending.ConsentedScope = approved.ToString();
        if (approved.IsEmpty)
        {
            pending.Denied = true;
        }

        await pendingStore.SaveAsync(requestId, pending, cancellationToken).ConfigureAwait(false);
        return ResumeUrl(requestId);
    }

    public async Task<string?> ApproveWithBreakGlassAsync(ClaimsPrincipal user, string requestId, IEnumerable<string> approvedScopes, string? breakGlassReason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approvedScopes);
        var reason = breakGlassReason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return await ApproveAsync(user, requestId, approvedScopes, cancellationToken).ConfigureAwait(false);
        }

        var pending = await FindOwnAsync(user, requestId, cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            return null;
        }

        var approved = SmartScopeSet.Parse(pending.GrantableScope).Intersect(SmartScopeSet.Create(approvedScopes));
        pending.ConsentedScope = approved.ToString();
        pending.Denied = approved.IsEmpty;
        var clientId = pending.Request.ClientId!;
        var userTag = SecureValues.LogTag(pending.Subject!);
        var patient = pending.Launch?.Context.Patient ?? pending.SelectedPatient;
        if (pending.Denied)
        {
            InteractionLog.BreakGlassRefused(logger, userTag, clientId, "no scope was approved");
        }
        else if (patient is null)
        {
            InteractionLog.BreakGlassRefused(logger, userTag, clientId, "no patient in context");
        }
        else
        {
            var context = new SmartBreakGlassContext(
                httpContextAccessor.HttpContext, user, clientId, pending.Subject!, patient,
                reason.Length > SmartBreakGlass.MaxReasonLength ? reason[..SmartBreakGlass.MaxReasonLength] : reason);
            await options.Value.Events.ValidateBreakGlass(context).ConfigureAwait(false);
            if (context.IsAllowed)
            {
                pending.BreakGlass = true;
                await pendingStore.SaveAsync(requestId, pending, cancellationToken).ConfigureAwait(false);
                InteractionLog.BreakGlassGranted(logger, userTag, clientId);
                audit.Raise(new SmartAuditEvent(SmartAuditEventKind.BreakGlass, SmartAuditOutcome.Success, audit.Time, httpContextAccessor.HttpContext)
                {
                    ClientId = clientId,
                    UserId = pending.Subject,
                    PatientId = patient,
                    Scopes = pending.ConsentedScope,
                    BreakGlassReason = context.Reason,
                });
                await options.Value.Events.BreakGlass(context).ConfigureAwait(false);
                return ResumeUrl(requestId);
            }

            InteractionLog.BreakGlassRefused(logger, userTag, clientId, "the host does not allow this user to break the glass");
        }

        await pendingStore.SaveAsync(requestId, pending, cancellationToken).ConfigureAwait(false);
        return ResumeUrl(requestId);
    }

    public async Task<string?> DenyAsync(ClaimsPrincipal user, string requestId, CancellationToken cancellationToken = default)
    {
        var pending = await FindOwnAsync(user, requestId, cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            return null;
        }

        pending.Denied = true;
        await pendingStore.SaveAsync(requestId, pending, cancellationToken).ConfigureAwait(false);
        return ResumeUrl(requestId);
    }

    private async Task<PendingAuthorization?> FindOwnAsync(ClaimsPrincipal user, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var smartUser = SmartUser.From(user, options.Value.Interaction);
        var pending = await pendingStore.FindAsync(requestId, cancellationToken).ConfigureAwait(false);
        return smartUser is not null && pending?.Subject is not null && string.Equals(pending.Subject, smartUser.Subject, StringComparison.Ordinal)
            ? pending
            : null;
    }

    private string ResumeUrl(string requestId) => PendingAuthorization.ResumeUrl(
        httpContextAccessor.HttpContext?.Request.PathBase ?? PathString.Empty, metadata, options.Value, requestId);
}
