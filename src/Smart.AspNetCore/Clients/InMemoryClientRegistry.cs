using System.Collections.Frozen;

namespace Smart.AspNetCore.Clients;

/// <summary>The default <see cref="IClientRegistry"/>: clients registered in code or in <c>Smart:Clients</c>.</summary>
internal sealed class InMemoryClientRegistry : IClientRegistry
{
    private readonly FrozenDictionary<string, SmartClient> _clients;

    public InMemoryClientRegistry(IEnumerable<SmartClient> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var byId = new Dictionary<string, SmartClient>(StringComparer.Ordinal);
        foreach (var client in clients)
        {
            if (!byId.TryAdd(client.ClientId, client))
            {
                throw new InvalidOperationException($"The client id '{client.ClientId}' is registered twice.");
            }
        }

        _clients = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<SmartClient> Clients => _clients.Values;

    public Task<SmartClient?> FindByIdAsync(string clientId, CancellationToken cancellationToken) =>
        Task.FromResult(_clients.GetValueOrDefault(clientId));
}
