using System.Security.Claims;

namespace Smart.AspNetCore.Grants;

/// <summary>What the host calls when a user's situation changes, so that grants follow (REFRESH-9).</summary>
public interface ISmartGrantManager
{
    /// <summary>
    /// Call when the user signs out: <c>online_access</c> refresh tokens of that session stop working. When the
    /// principal has a session-id claim (<see cref="SmartInteractionOptions.SessionIdClaimType"/>) only that session's
    /// grants end; otherwise every <c>online_access</c> grant of the user ends. <c>offline_access</c> grants are not
    /// affected.
    /// </summary>
    /// <param name="user">The user who is signing out.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the grants are revoked.</returns>
    Task EndSessionAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);
}
