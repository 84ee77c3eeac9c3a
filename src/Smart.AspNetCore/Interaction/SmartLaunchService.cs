using System.Security.Claims;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Tokens;
using Smart.AspNetCore.Users;

namespace Smart.AspNetCore.Interaction;

/// <summary>Default <see cref="ISmartLaunchService"/>.</summary>
internal sealed class SmartLaunchService(
    IClientRegistry clients,
    ILaunchContextStore store,
    SmartServerMetadata metadata,
    IOptions<SmartOnFhirOptions> options,
    TimeProvider timeProvider) : ISmartLaunchService
{
    public async Task<SmartLaunchResult> StartLaunchAsync(ClaimsPrincipal user, string clientId, SmartLaunchContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(context);

        var smartUser = SmartUser.From(user, options.Value.Interaction)
            ?? throw new InvalidOperationException("An EHR launch needs a signed-in user with a subject claim.");
        var client = await clients.FindByIdAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client?.LaunchUrl is null)
        {
            throw new InvalidOperationException($"Client '{clientId}' is not registered, or has no launch URL.");
        }

        var handle = SecureValues.CreateHandle();
        var expiresAt = timeProvider.GetUtcNow() + options.Value.Lifetimes.LaunchContext;
        var launch = new SmartStoredLaunch
        {
            ClientId = client.ClientId,
            Subject = smartUser.Subject,
            Context = context.Clone(),
            ExpiresAt = expiresAt,
        };
        await store.StoreAsync(SecureValues.HashHandle(handle), launch, cancellationToken).ConfigureAwait(false);

        var url = QueryHelpers.AddQueryString(client.LaunchUrl, new Dictionary<string, string?>
        {
            ["iss"] = metadata.Issuer,
            ["launch"] = handle,
        });
        return new SmartLaunchResult(handle, new Uri(url), expiresAt);
    }
}
