using System.Runtime.CompilerServices;

namespace Smart.AspNetCore.Testing;

/// <summary>Remembers which test host made each client (weakly: a client that is collected is forgotten).</summary>
internal static class SmartTestHosts
{
    private static readonly ConditionalWeakTable<HttpClient, ISmartTestHost> s_hosts = [];

    public static void Register(HttpClient client, ISmartTestHost host) => s_hosts.AddOrUpdate(client, host);

    public static ISmartTestHost Find(HttpClient client) =>
        s_hosts.TryGetValue(client, out var host)
            ? host
            : throw new InvalidOperationException(
                "WithSmartToken needs a client created by a SmartWebApplicationFactory<TEntryPoint> (CreateClient or CreateDefaultClient). "
                + "With a factory of your own, mint with SmartTestTokens.CreateAccessTokenAsync(factory.Services, ...) and set the Authorization header.");
}
