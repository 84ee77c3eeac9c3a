using Smart.AspNetCore.Clients;

namespace Smart.AspNetCore.Configuration;

/// <summary>Clients of the in-memory registry: from code and from the <c>Smart:Clients</c> section.</summary>
internal sealed class InMemoryClientOptions
{
    public List<SmartClient> Clients { get; } = [];
}
