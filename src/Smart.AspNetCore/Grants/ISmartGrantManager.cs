using System.Security.Claims;

namespace Smart.AspNetCore.Grants;

/// <summary>
/// What the host calls when a user's situation changes, so that grants follow (REFRESH-9), and what its "connected
/// apps" and administration pages use to list and revoke grants. A revoked grant ends at once on every instance
/// sharing the stores: its refresh-token family stops working, its access tokens are denied through the denylist,
/// and the consent it remembered is forgotten.
/// </summary>
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

    /// <summary>The signed-in user's grants (client, scopes, created, last used, offline or online), newest first.</summary>
    /// <param name="user">The signed-in user; an unauthenticated principal has none.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The grants.</returns>
    Task<IReadOnlyList<SmartConsent>> ListGrantsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);

    /// <summary>Revokes every grant the signed-in user made to a client, and forgets the consent remembered for it.</summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="clientId">The app to disconnect.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many grants were revoked.</returns>
    Task<int> RevokeAsync(ClaimsPrincipal user, string clientId, CancellationToken cancellationToken = default);

    /// <summary>Every user's grants to a client, newest first (an administrator's view).</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The grants.</returns>
    Task<IReadOnlyList<SmartConsent>> ListClientGrantsAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Revokes every grant of a client, of every user (an app withdrawn from the EHR's catalogue).</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many grants were revoked.</returns>
    Task<int> RevokeClientAsync(string clientId, CancellationToken cancellationToken = default);

    /// <summary>Revokes every grant of a user, to every client (a stolen laptop).</summary>
    /// <param name="subject">The user's subject identifier.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many grants were revoked.</returns>
    Task<int> RevokeUserAsync(string subject, CancellationToken cancellationToken = default);
}
