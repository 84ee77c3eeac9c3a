using System.Security.Claims;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.Users;

namespace Smart.AspNetCore.Tokens;

/// <summary>Default <see cref="ISmartGrantManager"/>.</summary>
internal sealed class SmartGrantManager(IRefreshTokenStore refreshTokens, IOptions<SmartOnFhirOptions> options) : ISmartGrantManager
{
    public Task EndSessionAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var interaction = options.Value.Interaction;
        var smartUser = SmartUser.From(user, interaction);
        if (smartUser is null)
        {
            return Task.CompletedTask;
        }

        var sessionId = user.FindFirst(interaction.SessionIdClaimType)?.Value;
        return refreshTokens.RevokeOnlineAccessAsync(smartUser.Subject, sessionId, cancellationToken);
    }
}
