using System.Security.Claims;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.Users;

namespace Smart.AspNetCore.Tokens;

/// <summary>Default <see cref="ISmartGrantManager"/>.</summary>
internal sealed class SmartGrantManager(IRefreshTokenStore refreshTokens, IOptions<SmartOnFhirOptions> options, SmartAuditDispatcher audit) : ISmartGrantManager
{
    public async Task EndSessionAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var interaction = options.Value.Interaction;
        var smartUser = SmartUser.From(user, interaction);
        if (smartUser is null)
        {
            return;
        }

        var sessionId = user.FindFirst(interaction.SessionIdClaimType)?.Value;
        await refreshTokens.RevokeOnlineAccessAsync(smartUser.Subject, sessionId, cancellationToken).ConfigureAwait(false);
        audit.Raise(new SmartAuditEvent(SmartAuditEventKind.SessionEnd, SmartAuditOutcome.Success, audit.Time, audit.CurrentHttpContext)
        {
            UserId = smartUser.Subject,
            FhirUser = smartUser.FhirUser,
            Detail = sessionId is null ? "Every online_access grant of the user ended." : "The session's online_access grants ended.",
        });
    }
}
