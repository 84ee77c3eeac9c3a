using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Smart.AspNetCore.Testing;

namespace Smart.AspNetCore.Tests.Stores;

/// <summary>The stores as a host gets them: through <c>AddSmartOnFhir()</c>, with or without <c>AddStackExchangeRedisStores</c>.</summary>
public static class StoreServices
{
    public static ServiceProvider InMemory() => Smart().Services.BuildServiceProvider();

    public static ServiceProvider Redis(RedisServer server, Action<Smart.AspNetCore.StackExchangeRedis.SmartRedisStoreOptions>? configure = null) =>
        Smart()
            .AddStackExchangeRedisStores(o =>
            {
                o.Configuration = server.Configuration;
                o.KeyPrefix = "test:" + Guid.NewGuid().ToString("N") + ":";
                configure?.Invoke(o);
            })
            .Services.BuildServiceProvider();

    private static SmartOnFhirBuilder Smart()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory, ApplicationName = "StoreTests" });
        return services.AddSmartOnFhir(o => o.FhirBaseUrl = new Uri("https://ehr.example.org/fhir"))
            .AddDevelopmentSigningKeys(Path.Combine(Path.GetTempPath(), "smart-store-tests", "keys.json"));
    }
}

/// <summary>One redis-server for every Redis test of the unit-test project.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}

/// <summary>Starts the server and one service provider with the Redis stores over it.</summary>
public sealed class RedisFixture : IDisposable
{
    public RedisFixture()
    {
        Server = new RedisServer();
        Services = StoreServices.Redis(Server);
    }

    public RedisServer Server { get; }

    public ServiceProvider Services { get; }

    public void Dispose()
    {
        try
        {
            Services.Dispose();
        }
        finally
        {
            Server.Dispose();
        }
    }
}
