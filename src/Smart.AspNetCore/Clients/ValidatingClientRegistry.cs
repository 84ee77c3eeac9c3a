using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Logging;

namespace Smart.AspNetCore.Clients;

/// <summary>
/// Wraps the host's <see cref="IClientRegistry"/>: every client it returns is validated, and a bad registration is
/// logged and treated as unknown, so a corrupt row in a host's store can never weaken the protocol checks.
/// </summary>
internal sealed class ValidatingClientRegistry(IClientRegistry inner, ILogger<ValidatingClientRegistry> logger) : IClientRegistry
{
    public IClientRegistry Inner => inner;

    public async Task<SmartClient?> FindByIdAsync(string clientId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return null;
        }

        var client = await inner.FindByIdAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return null;
        }

        if (!string.Equals(client.ClientId, clientId, StringComparison.Ordinal))
        {
            Log.ClientIdMismatch(logger, clientId);
            return null;
        }

        var errors = SmartClientValidator.Validate(client);
        if (errors.Count > 0)
        {
            Log.InvalidClientRegistration(logger, clientId, string.Join(" ", errors));
            return null;
        }

        return client;
    }
}
