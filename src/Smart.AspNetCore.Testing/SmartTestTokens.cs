using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Testing;

/// <summary>
/// Mints access tokens through the library's <see cref="ISmartAccessTokenIssuer"/>: the token endpoint's own code, so
/// the claims, key, issuer, audience and lifetime are those of a real token and the host's resource server validates it
/// as it validates any other.
/// </summary>
public static class SmartTestTokens
{
    /// <summary>The client id used when a test names none.</summary>
    public const string DefaultClientId = "smart-test-client";

    /// <summary>The <c>sub</c> used when a test names none.</summary>
    public const string DefaultSubject = "smart-test-user";

    /// <summary>Mints an access token with the host's services (for example <c>factory.Services</c>).</summary>
    /// <param name="services">The host's root services.</param>
    /// <param name="request">What the token carries.</param>
    /// <param name="cancellationToken">Cancels the minting.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="InvalidOperationException">The named client is not registered.</exception>
    public static async Task<string> CreateAccessTokenAsync(IServiceProvider services, SmartTestTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request);
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var provider = scope.ServiceProvider;
            var clientId = request.ClientId ?? DefaultClientId;
            var client = await provider.GetRequiredService<IClientRegistry>().FindByIdAsync(clientId, cancellationToken).ConfigureAwait(false)
                ?? (request.ClientId is null
                    ? new SmartClient { ClientId = clientId, ClientName = "Smart.AspNetCore.Testing" }
                    : throw new InvalidOperationException($"The client '{clientId}' is not registered with the host; register it or leave ClientId null for the kit's default client."));
            var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
            var grant = new SmartGrant
            {
                GrantId = "test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                ClientId = client.ClientId,
                Subject = request.Subject ?? DefaultSubject,
                SessionId = "smart-test-session",
                Scope = request.Scope,
                FhirUser = request.FhirUser,
                CreatedAt = now,
                AuthTime = now,
                BreakGlass = request.BreakGlass,
                LaunchContext = request.Patient is null && request.Encounter is null
                    ? null
                    : new SmartLaunchContext { Patient = request.Patient, Encounter = request.Encounter },
            };
            return await provider.GetRequiredService<ISmartAccessTokenIssuer>().IssueAccessTokenAsync(client, grant, cancellationToken).ConfigureAwait(false);
        }
    }
}
