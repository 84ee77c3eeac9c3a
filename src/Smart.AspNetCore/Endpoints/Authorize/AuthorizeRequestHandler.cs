using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Events;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Logging;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Scopes;
using Smart.AspNetCore.Tokens;
using Smart.AspNetCore.Users;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>
/// Runs an authorization request: validates it, keeps it server-side, authenticates the user through the host's
/// scheme, resolves launch context (EHR launch or the host's patient picker), asks the host's consent page, and
/// issues the code. Each step resumes at <c>{authorize}?request_id=...</c>.
/// </summary>
internal sealed class AuthorizeRequestHandler(
    IClientRegistry clients,
    ILaunchContextStore launches,
    PendingAuthorizationStore pendingStore,
    IAuthorizationCodeStore codes,
    ConsentMemory consentMemory,
    SmartServerMetadata metadata,
    IOptions<SmartOnFhirOptions> options,
    TimeProvider timeProvider,
    SmartAuditDispatcher audit,
    ILogger<AuthorizeRequestHandler> logger)
{
    private SmartOnFhirOptions Options => options.Value;

    public async Task HandleAsync(HttpContext context, IEnumerable<KeyValuePair<string, StringValues>> parameters, bool isPost)
    {
        var ct = context.RequestAborted;
        var list = parameters as ICollection<KeyValuePair<string, StringValues>> ?? parameters.ToList();

        // Resuming after login, patient picking or consent.
        var requestId = list.FirstOrDefault(p => p.Key == OAuthParameters.RequestId).Value.ToString();
        if (!string.IsNullOrEmpty(requestId) && !list.Any(p => p.Key == OAuthParameters.ClientId))
        {
            var existing = await pendingStore.FindAsync(requestId, ct).ConfigureAwait(false);
            if (existing is null)
            {
                await AuthorizeResponses.ErrorPageAsync(context, SmartErrors.Authorize.PendingRequestUnknown.Create()).ConfigureAwait(false);
                return;
            }

            await ContinueAsync(context, requestId, existing).ConfigureAwait(false);
            return;
        }

        var request = AuthorizeRequestParser.Parse(list);
        var client = request.ClientId is null ? null : await clients.FindByIdAsync(request.ClientId, ct).ConfigureAwait(false);
        var error = AuthorizeRequestValidator.ValidateClientAndRedirectUri(request, client);
        if (error is not null)
        {
            Log.AuthorizeRequestRefused(logger, LogValue.Sanitize(request.ClientId), error.Id, error.Error, LogValue.Description(error.Description));
            RaiseDenied(context, request, error, null);
            await AuthorizeResponses.ErrorPageAsync(context, error).ConfigureAwait(false);
            return;
        }

        error = AuthorizeRequestValidator.ValidateProtocol(request, client!, metadata);
        if (error is not null)
        {
            await RedirectErrorAsync(context, request, error).ConfigureAwait(false);
            return;
        }

        var now = timeProvider.GetUtcNow();
        var pending = new PendingAuthorization
        {
            Request = request,
            ExpiresAt = now + Options.Lifetimes.PendingAuthorization,
            // auth_time has whole seconds (and cookie issue times are kept to the second).
            LoginAfter = AuthorizePrompts.Parse(request.Prompt).HasFlag(AuthorizePrompt.Login)
                ? DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds())
                : null,
        };

        if (request.Launch is not null)
        {
            // AUTHZ-8: the handle is consumed here, once; its context travels with the pending request.
            var launch = await launches.ConsumeAsync(SecureValues.HashHandle(request.Launch), ct).ConfigureAwait(false);
            if (launch is null)
            {
                await RedirectErrorAsync(context, request, SmartErrors.Authorize.LaunchUnknown.Create()).ConfigureAwait(false);
                return;
            }

            if (!string.Equals(launch.ClientId, client!.ClientId, StringComparison.Ordinal))
            {
                await RedirectErrorAsync(context, request, SmartErrors.Authorize.LaunchForOtherClient.Create()).ConfigureAwait(false);
                return;
            }

            pending.Launch = launch;
        }

        requestId = await pendingStore.CreateAsync(pending, ct).ConfigureAwait(false);
        if (isPost)
        {
            // A cross-site POST arrives without SameSite cookies: continue with a GET, on which they are sent (Appendix E).
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = ResumeUrl(context, requestId);
            AuthorizeResponses.SetNoStore(context.Response);
            return;
        }

        await ContinueAsync(context, requestId, pending).ConfigureAwait(false);
    }

    private async Task ContinueAsync(HttpContext context, string requestId, PendingAuthorization pending)
    {
        var ct = context.RequestAborted;
        var request = pending.Request;
        var client = await clients.FindByIdAsync(request.ClientId!, ct).ConfigureAwait(false);
        if (client is null || AuthorizeRequestValidator.ValidateClientAndRedirectUri(request, client) is not null)
        {
            await pendingStore.RemoveAsync(requestId, ct).ConfigureAwait(false);
            await AuthorizeResponses.ErrorPageAsync(context, SmartErrors.Authorize.ClientNoLongerRegistered.Create()).ConfigureAwait(false);
            return;
        }

        if (pending.Denied)
        {
            await FailAsync(context, requestId, request, SmartErrors.Authorize.UserDenied.Create(), pending).ConfigureAwait(false);
            return;
        }

        var prompt = AuthorizePrompts.Parse(request.Prompt);
        var silent = prompt.HasFlag(AuthorizePrompt.None);
        var scheme = Options.Interaction.AuthenticationScheme;
        var authentication = await context.AuthenticateAsync(scheme).ConfigureAwait(false);
        var user = SmartUser.From(authentication.Principal, Options.Interaction, authentication.Properties?.IssuedUtc);
        if (user is null)
        {
            if (silent)
            {
                await FailAsync(context, requestId, request, SmartErrors.Authorize.LoginRequired.Create(), pending).ConfigureAwait(false);
                return;
            }

            // AUTHZ-11: the host's own login, then back here.
            await ChallengeAsync(context, scheme, requestId, pending).ConfigureAwait(false);
            return;
        }

        // OpenID Connect Core §3.1.2.1: prompt=login and max_age need a sign-in recent enough. Checked until the user
        // takes the request over, so that time spent on the picker and consent pages does not count.
        if (pending.Subject is null && !IsAuthenticationFresh(pending, user))
        {
            if (silent)
            {
                await FailAsync(context, requestId, request, SmartErrors.Authorize.LoginRequired.Create(), pending).ConfigureAwait(false);
                return;
            }

            if (pending.ReauthenticationChallenged)
            {
                await FailAsync(context, requestId, request, SmartErrors.Authorize.ReauthenticationFailed.Create(), pending).ConfigureAwait(false);
                return;
            }

            pending.ReauthenticationChallenged = true;
            await pendingStore.SaveAsync(requestId, pending, ct).ConfigureAwait(false);
            await ChallengeAsync(context, scheme, requestId, pending).ConfigureAwait(false);
            return;
        }

        if (pending.Subject is not null && !string.Equals(pending.Subject, user.Subject, StringComparison.Ordinal))
        {
            await FailAsync(context, requestId, request, SmartErrors.Authorize.UserChanged.Create()).ConfigureAwait(false);
            return;
        }

        if (pending.Launch is { } launch && !string.Equals(launch.Subject, user.Subject, StringComparison.Ordinal))
        {
            await FailAsync(context, requestId, request, SmartErrors.Authorize.LaunchByOtherUser.Create()).ConfigureAwait(false);
            return;
        }

        if (pending.Subject is null)
        {
            var grantable = await ComputeGrantableScopesAsync(context, client, authentication.Principal!, pending).ConfigureAwait(false);
            if (!grantable.Succeeded)
            {
                pending.Subject = user.Subject;
                await FailAsync(context, requestId, request, grantable.Error, pending).ConfigureAwait(false);
                return;
            }

            pending.Subject = user.Subject;
            pending.GrantableScope = grantable.Value.ToString();
            await pendingStore.SaveAsync(requestId, pending, ct).ConfigureAwait(false);
        }

        var scopes = SmartScopeSet.Parse(pending.GrantableScope);

        // AUTHZ-14, SCOPE-9: patient/ scopes and launch/patient need a patient in context.
        var patient = pending.Launch?.Context.Patient ?? pending.SelectedPatient;
        if (patient is null && NeedsPatient(scopes))
        {
            if (user.PatientId is { } ownRecord)
            {
                pending.SelectedPatient = ownRecord;
                await pendingStore.SaveAsync(requestId, pending, ct).ConfigureAwait(false);
            }
            else if (silent)
            {
                await FailAsync(context, requestId, request, SmartErrors.Authorize.InteractionRequired.Create(), pending).ConfigureAwait(false);
                return;
            }
            else
            {
                RedirectToHostPage(context, Options.Interaction.PatientPickerPath, requestId);
                return;
            }
        }

        if (pending.ConsentedScope is null && await consentMemory.NeedsConsentAsync(client, user.Subject, scopes, prompt, pending, ct).ConfigureAwait(false))
        {
            if (silent)
            {
                await FailAsync(context, requestId, request, SmartErrors.Authorize.ConsentRequired.Create(), pending).ConfigureAwait(false);
                return;
            }

            await pendingStore.SaveAsync(requestId, pending, ct).ConfigureAwait(false);
            RedirectToHostPage(context, Options.Interaction.ConsentPath, requestId);
            return;
        }

        var granted = pending.ConsentedScope is null ? scopes : scopes.Intersect(SmartScopeSet.Parse(pending.ConsentedScope));
        if (granted.IsEmpty)
        {
            await FailAsync(context, requestId, request, SmartErrors.Authorize.NoScopeApproved.Create(), pending).ConfigureAwait(false);
            return;
        }

        await IssueCodeAsync(context, requestId, pending, client, user, granted).ConfigureAwait(false);
    }

    /// <summary><c>prompt=login</c>: signed in after the request arrived; <c>max_age</c>: signed in at most that long ago.</summary>
    private bool IsAuthenticationFresh(PendingAuthorization pending, SmartUser user)
    {
        if (pending.LoginAfter is { } after && !(user.AuthTime >= after))
        {
            return false;
        }

        if (AuthorizePrompts.ParseMaxAge(pending.Request.MaxAge) is { } maxAge)
        {
            return user.AuthTime is { } authTime && timeProvider.GetUtcNow() - authTime <= maxAge;
        }

        return true;
    }

    private Task ChallengeAsync(HttpContext context, string? scheme, string requestId, PendingAuthorization pending)
    {
        var properties = new AuthenticationProperties { RedirectUri = ResumeUrl(context, requestId) };
        // Passed on to the host's scheme: an OpenID Connect handler sends them on to its own provider.
        if (pending.LoginAfter is not null || pending.Request.MaxAge is not null)
        {
            properties.Parameters[OAuthParameters.Prompt] = "login";
            properties.Items[OAuthParameters.Prompt] = "login";
        }

        if (pending.Request.MaxAge is { } maxAge)
        {
            properties.Parameters[OAuthParameters.MaxAge] = maxAge;
        }

        return context.ChallengeAsync(scheme, properties);
    }

    private async Task<Result<SmartScopeSet>> ComputeGrantableScopesAsync(HttpContext context, SmartClient client, System.Security.Claims.ClaimsPrincipal principal, PendingAuthorization pending)
    {
        var requested = SmartScopeSet.Parse(pending.Request.Scope);
        var validation = new SmartAuthorizationRequestContext(context, client, principal, requested, pending.Launch?.Context);
        await Options.Events.ValidateAuthorizationRequest(validation).ConfigureAwait(false);
        if (validation.Rejection is { } rejection)
        {
            return rejection;
        }

        var grantable = requested.Grant(SmartScopeSet.Create(client.AllowedScopes), validation.AllowedScopesForUser);
        if (pending.Launch is null && grantable.Contains(SmartScopeKind.Launch))
        {
            // The launch scope only means something with an EHR launch; without one it is not granted.
            grantable = SmartScopeSet.Create(grantable.Where(s => s.Kind != SmartScopeKind.Launch).Select(s => s.Value));
        }

        if (grantable.IsEmpty)
        {
            return SmartErrors.Authorize.NoScopeGrantable.Create();
        }

        return grantable;
    }

    private async Task IssueCodeAsync(HttpContext context, string requestId, PendingAuthorization pending, SmartClient client, SmartUser user, SmartScopeSet granted)
    {
        var now = timeProvider.GetUtcNow();
        var launchContext = pending.Launch?.Context.Clone();
        if (pending.SelectedPatient is not null)
        {
            launchContext ??= new SmartLaunchContext();
            launchContext.Patient = pending.SelectedPatient;
            launchContext.Encounter ??= pending.SelectedEncounter;
        }

        var grant = new SmartGrant
        {
            GrantId = SecureValues.CreateHandle(),
            ClientId = client.ClientId,
            Subject = user.Subject,
            SessionId = user.SessionId,
            Scope = granted.ToString(),
            FhirUser = user.FhirUser,
            AuthTime = user.AuthTime,
            CreatedAt = now,
            LaunchContext = launchContext,
            BreakGlass = pending.BreakGlass && pending.ConsentedScope is not null,
        };

        var code = SecureValues.CreateHandle();
        await codes.StoreAsync(
            SecureValues.HashHandle(code),
            new SmartAuthorizationCode
            {
                Grant = grant,
                RedirectUri = pending.Request.RedirectUri!,
                CodeChallenge = pending.Request.CodeChallenge,
                Nonce = pending.Request.Nonce,
                ExpiresAt = now + Options.Lifetimes.AuthorizationCode,
            },
            context.RequestAborted).ConfigureAwait(false);
        await pendingStore.RemoveAsync(requestId, context.RequestAborted).ConfigureAwait(false);
        await consentMemory.RecordAsync(grant, client, context.RequestAborted).ConfigureAwait(false);

        Log.AuthorizationCodeIssued(logger, client.ClientId, SecureValues.LogTag(grant.GrantId));
        var grantHash = AccessTokenDefinition.GrantHash(grant.GrantId);
        foreach (var kind in (ReadOnlySpan<SmartAuditEventKind>)[SmartAuditEventKind.AuthorizationGranted, SmartAuditEventKind.CodeIssued])
        {
            audit.Raise(new SmartAuditEvent(kind, SmartAuditOutcome.Success, timeProvider, context)
            {
                ClientId = client.ClientId,
                UserId = user.Subject,
                FhirUser = user.FhirUser,
                PatientId = launchContext?.Patient,
                Scopes = grant.Scope,
                GrantIdHash = grantHash,
            });
        }

        await AuthorizeResponses.RedirectWithCodeAsync(context, pending.Request, metadata.Issuer, code).ConfigureAwait(false);
    }

    private async Task FailAsync(HttpContext context, string requestId, AuthorizeRequest request, OAuthError error, PendingAuthorization? pending = null)
    {
        await pendingStore.RemoveAsync(requestId, context.RequestAborted).ConfigureAwait(false);
        await RedirectErrorAsync(context, request, error, pending).ConfigureAwait(false);
    }

    private Task RedirectErrorAsync(HttpContext context, AuthorizeRequest request, OAuthError error, PendingAuthorization? pending = null)
    {
        Log.AuthorizeRequestRefused(logger, LogValue.Sanitize(request.ClientId), error.Id, error.Error, LogValue.Description(error.Description));
        RaiseDenied(context, request, error, pending);

        // An unsupported response_mode is answered in the default mode (query).
        if (request.ResponseMode is { } mode && !AuthorizeResponseModes.IsSupported(mode))
        {
            request = request with { ResponseMode = null };
        }

        return AuthorizeResponses.RedirectWithErrorAsync(context, request, metadata.Issuer, error);
    }

    /// <summary>authorization-denied: by the user (SMART-AUTHZ-024 denied, SMART-AUTHZ-027 approved nothing) or by policy (every other id).</summary>
    private void RaiseDenied(HttpContext context, AuthorizeRequest request, OAuthError error, PendingAuthorization? pending) =>
        audit.Raise(new SmartAuditEvent(SmartAuditEventKind.AuthorizationDenied, SmartAuditOutcome.Failure, timeProvider, context)
        {
            ClientId = request.ClientId,
            UserId = pending?.Subject,
            PatientId = pending?.Launch?.Context.Patient ?? pending?.SelectedPatient,
            Scopes = request.Scope,
            ErrorId = error.Id,
            Error = error.Error,
            Detail = error.Description,
        });

    private static bool NeedsPatient(SmartScopeSet scopes) =>
        scopes.Contains(SmartScopeNames.LaunchPatient) || scopes.HasAnyResourceScope(SmartScopeContext.Patient);

    private static void RedirectToHostPage(HttpContext context, string path, string requestId)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = context.Request.PathBase.Add(new PathString(path)) + "?" + OAuthParameters.RequestId + "=" + Uri.EscapeDataString(requestId);
        AuthorizeResponses.SetNoStore(context.Response);
    }

    internal string ResumeUrl(HttpContext context, string requestId) => PendingAuthorization.ResumeUrl(context.Request.PathBase, metadata, Options, requestId);
}
