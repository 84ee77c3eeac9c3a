using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Smart.AspNetCore;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Configuration;
using Smart.AspNetCore.DependencyInjection;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Fluent additions to Smart.AspNetCore, returned by
/// <see cref="SmartOnFhirServiceCollectionExtensions.AddSmartOnFhir(IServiceCollection, Action{SmartOnFhirOptions}?)"/>.
/// Every method is safe to call more than once.
/// </summary>
public sealed class SmartOnFhirBuilder
{
    internal SmartOnFhirBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the library registers into.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Applies further configuration to <see cref="SmartOnFhirOptions"/>.</summary>
    /// <param name="configure">The configuration delegate.</param>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder Configure(Action<SmartOnFhirOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>
    /// Uses <typeparamref name="TRegistry"/> (registered as scoped, so it may use a scoped <c>DbContext</c>) as the
    /// source of registered apps, replacing the in-memory registry. The library validates every client it returns
    /// and treats a bad registration as unknown.
    /// </summary>
    /// <typeparam name="TRegistry">The host's registry.</typeparam>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder AddClientRegistry<TRegistry>()
        where TRegistry : class, IClientRegistry
    {
        Services.TryAddScoped<TRegistry>();
        Services.Replace(ServiceDescriptor.Scoped<IClientRegistry>(sp => new ValidatingClientRegistry(
            sp.GetRequiredService<TRegistry>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ValidatingClientRegistry>>())));
        return this;
    }

    /// <summary>
    /// Replaces the in-memory launch-context store, for example with a distributed one. <typeparamref name="TStore"/>
    /// must consume launches atomically (see <see cref="ILaunchContextStore.ConsumeAsync"/>).
    /// </summary>
    /// <typeparam name="TStore">The store, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder AddLaunchContextStore<TStore>()
        where TStore : class, ILaunchContextStore
    {
        Services.Replace(ServiceDescriptor.Singleton<ILaunchContextStore, TStore>());
        return this;
    }

    /// <summary>Replaces the in-memory authorization code store; redemption must be atomic.</summary>
    /// <typeparam name="TStore">The store, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder AddAuthorizationCodeStore<TStore>()
        where TStore : class, IAuthorizationCodeStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IAuthorizationCodeStore, TStore>());
        return this;
    }

    /// <summary>
    /// Replaces the in-memory replay cache of client assertion <c>jti</c>s (CLIENT-5), for example with a distributed
    /// one; <see cref="IClientAssertionReplayCache.TryAddAsync"/> must be atomic.
    /// </summary>
    /// <typeparam name="TCache">The cache, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder AddClientAssertionReplayCache<TCache>()
        where TCache : class, IClientAssertionReplayCache
    {
        Services.Replace(ServiceDescriptor.Singleton<IClientAssertionReplayCache, TCache>());
        return this;
    }

    /// <summary>Replaces the in-memory list of revoked access tokens (RFC 7009), for example with a distributed one.</summary>
    /// <typeparam name="TDenylist">The list, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder AddAccessTokenDenylist<TDenylist>()
        where TDenylist : class, IAccessTokenDenylist
    {
        Services.Replace(ServiceDescriptor.Singleton<IAccessTokenDenylist, TDenylist>());
        return this;
    }

    /// <summary>
    /// Replaces the in-memory rate-limit counters (<see cref="SmartRateLimitOptions"/>), for example with ones shared by
    /// every instance of a farm; admitting a request must be one atomic step.
    /// </summary>
    /// <typeparam name="TStore">The store, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder AddRateLimitStore<TStore>()
        where TStore : class, Smart.AspNetCore.Throttling.IRateLimitStore
    {
        Services.Replace(ServiceDescriptor.Singleton<Smart.AspNetCore.Throttling.IRateLimitStore, TStore>());
        return this;
    }

    /// <summary>Replaces the in-memory refresh token store; redemption must be atomic.</summary>
    /// <typeparam name="TStore">The store, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder AddRefreshTokenStore<TStore>()
        where TStore : class, IRefreshTokenStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IRefreshTokenStore, TStore>());
        return this;
    }

    /// <summary>Replaces the in-memory consent store (remembered consent and connected apps); removal must be atomic.</summary>
    /// <typeparam name="TStore">The store, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder AddConsentStore<TStore>()
        where TStore : class, IConsentStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IConsentStore, TStore>());
        return this;
    }

    /// <summary>
    /// Registers clients in the in-memory registry (the default registry). They are validated at start-up, and every
    /// problem of every client is reported at once. Clients from the <c>Smart:Clients</c> configuration section are
    /// added as well.
    /// </summary>
    /// <param name="clients">The clients.</param>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder AddInMemoryClients(IEnumerable<SmartClient> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var list = clients.ToList();
        Services.Configure<InMemoryClientOptions>(o => o.Clients.AddRange(list));
        return this;
    }

    /// <summary>
    /// In the Development environment only, generates an RS256 and an ES256 signing key on first run and keeps them in
    /// <paramref name="path"/> so restarts keep issued tokens valid. Outside Development it adds nothing, and start-up
    /// fails unless keys are configured in <c>Smart:Signing:Keys</c>.
    /// </summary>
    /// <param name="path">The key file; relative paths resolve against the content root. Default <c>App_Data/smart-signing-keys.json</c>.</param>
    /// <returns>This builder.</returns>
    public SmartOnFhirBuilder AddDevelopmentSigningKeys(string path = "App_Data/smart-signing-keys.json")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Services.RemoveAll<DevelopmentSigningKeysSetup>();
        Services.AddSingleton(sp => new DevelopmentSigningKeysSetup(sp.GetRequiredService<IHostEnvironment>(), path));
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<SmartOnFhirOptions>, DevelopmentSigningKeysPostConfigure>());
        return this;
    }
}
