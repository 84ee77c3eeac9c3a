using System.Security.Claims;

namespace Smart.AspNetCore.LaunchContext;

/// <summary>What an EHR calls to start an EHR launch (the "Growth Chart" button).</summary>
public interface ISmartLaunchService
{
    /// <summary>
    /// Stores <paramref name="context"/> under a new opaque launch handle bound to <paramref name="clientId"/> and to
    /// the signed-in <paramref name="user"/>, and returns the app's launch URL with <c>iss</c> and <c>launch</c>.
    /// </summary>
    /// <param name="user">The signed-in EHR user starting the launch.</param>
    /// <param name="clientId">The app to launch; it must be registered with a launch URL.</param>
    /// <param name="context">Patient, encounter and other context for the app.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The launch handle and URL.</returns>
    /// <exception cref="InvalidOperationException">The user is not authenticated, or the client is unknown or has no launch URL.</exception>
    Task<SmartLaunchResult> StartLaunchAsync(ClaimsPrincipal user, string clientId, SmartLaunchContext context, CancellationToken cancellationToken = default);
}
