using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smart.AspNetCore;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Configuration;
using Smart.AspNetCore.Diagnostics;
using Smart.AspNetCore.DependencyInjection;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Endpoints.Authorize;
using Smart.AspNetCore.Endpoints.Discovery;
using Smart.AspNetCore.Endpoints.Introspection;
using Smart.AspNetCore.Endpoints.Revocation;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Requests;
using Smart.AspNetCore.Routing;
using Smart.AspNetCore.Signing;
using Smart.AspNetCore.Stores;
using Smart.AspNetCore.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Smart.AspNetCore.</summary>
public static class SmartOnFhirServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SMART on FHIR authorization server. Options are bound from the <c>Smart</c> configuration section
    /// (when an <see cref="IConfiguration"/> is registered), then <paramref name="configure"/> runs; they are validated
    /// at start-up. Safe to call more than once: services are added with <c>TryAdd*</c>.
    /// Map the endpoints with <c>app.MapSmartOnFhir()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional configuration applied after binding.</param>
    /// <returns>A builder for further additions (client registry, signing keys).</returns>
    public static SmartOnFhirBuilder AddSmartOnFhir(this IServiceCollection services, Action<SmartOnFhirOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        if (!services.Any(d => d.ServiceType == typeof(SmartOnFhirMarker)))
        {
            services.AddSingleton<SmartOnFhirMarker>();
            services.AddOptions<SmartOnFhirOptions>().ValidateOnStart();
            services.AddOptions<InMemoryClientOptions>().ValidateOnStart();
            services.AddOptions<SmartAuditOptions>().ValidateOnStart();
            services.AddMetrics();
            services.AddSingleton<IConfigureOptions<SmartOnFhirOptions>, BindSmartOnFhirOptions>();
            services.AddSingleton<IConfigureOptions<InMemoryClientOptions>, BindInMemoryClientOptions>();
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmartOnFhirOptions>, SmartOnFhirOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InMemoryClientOptions>, InMemoryClientOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmartOnFhirOptions>, DevelopmentSigningKeysValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmartOnFhirOptions>, SmartHardeningOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, SmartOnFhirStartupFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, Smart.AspNetCore.Framing.SmartFramingStartupFilter>());

        services.AddLogging();
        services.AddCors();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => new SmartServerMetadata(sp.GetRequiredService<IOptions<SmartOnFhirOptions>>().Value));
        services.TryAddSingleton<DiscoveryDocuments>();
        services.TryAddSingleton<Smart.AspNetCore.Requests.OAuthRequestReader>();
        services.TryAddSingleton<Smart.AspNetCore.Throttling.SmartRateLimiter>();
        services.TryAddSingleton(sp => new MinimalCapabilityStatement(
            sp.GetRequiredService<SmartServerMetadata>(),
            sp.GetRequiredService<IOptions<SmartOnFhirOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => SigningKeyRing.Create(
            sp.GetRequiredService<IOptions<SmartOnFhirOptions>>().Value.Signing,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<ILogger<SigningKeyRing>>()));

        services.AddHttpContextAccessor();
        services.AddDistributedMemoryCache();
        services.TryAddSingleton<ILaunchContextStore, InMemoryLaunchContextStore>();
        services.TryAddSingleton<IAuthorizationCodeStore, InMemoryAuthorizationCodeStore>();
        services.TryAddSingleton<IRefreshTokenStore, InMemoryRefreshTokenStore>();
        services.TryAddSingleton<PendingAuthorizationStore>();
        services.TryAddSingleton<IPendingAuthorizationStore, DistributedCachePendingAuthorizationStore>();
        services.TryAddSingleton<IClientAssertionReplayCache, InMemoryClientAssertionReplayCache>();
        services.TryAddSingleton<IAccessTokenDenylist, InMemoryAccessTokenDenylist>();
        services.TryAddSingleton<IConsentStore, InMemoryConsentStore>();
        services.TryAddSingleton<Smart.AspNetCore.Throttling.IRateLimitStore, Smart.AspNetCore.Throttling.InMemoryRateLimitStore>();
        services.TryAddSingleton<ClientJwksProvider>();
        if (!services.Any(d => d.ServiceType == typeof(ClientJwksHttpClientMarker)))
        {
            services.AddSingleton<ClientJwksHttpClientMarker>();
            // SEC-8: no redirects, a bounded timeout (the provider also bounds the size and the total time).
            services.AddHttpClient(SmartOnFhirDefaults.ClientJwksHttpClientName, client => client.Timeout = ClientJwksProvider.FetchTimeout)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = ClientJwksProvider.FetchTimeout });
        }

        // The public services are scoped, as documented. The library's own request handlers hold nothing but what they
        // are given, so they are transient: a scope caches (and tracks) only what may be scoped, such as the host's
        // client registry or stores, and a token request does not grow its scope's cache by nine handlers (issue 14).
        services.TryAddScoped<ISmartLaunchService, SmartLaunchService>();
        services.TryAddScoped<ISmartAuthorizationInteraction, SmartAuthorizationInteraction>();
        services.TryAddScoped<ISmartGrantManager, SmartGrantManager>();
        services.TryAddScoped<ISmartAccessTokenIssuer, SmartAccessTokenIssuer>();
        services.TryAddTransient<AuthorizeRequestHandler>();
        services.TryAddTransient<ConsentMemory>();
        services.TryAddTransient<ClientAuthenticator>();
        services.TryAddTransient<ClientAssertionValidator>();
        services.TryAddTransient<ClientCredentialsGrantHandler>();
        services.TryAddSingleton<AccessTokenDefinition>();
        services.TryAddTransient<AccessTokenReader>();
        services.TryAddTransient<RevocationRequestHandler>();
        services.TryAddTransient<IntrospectionRequestHandler>();
        services.TryAddTransient<AuthorizationCodeGrantHandler>();
        services.TryAddTransient<RefreshTokenGrantHandler>();
        services.TryAddTransient<TokenIssuer>();
        services.TryAddTransient<GrantRevoker>();
        services.TryAddTransient<TokenRequestHandler>();

        // The in-memory registry is a singleton, so its validating wrapper is one too; a host's registry
        // (AddClientRegistry) is scoped and so is its wrapper.
        services.TryAddSingleton(sp => new InMemoryClientRegistry(sp.GetRequiredService<IOptions<InMemoryClientOptions>>().Value.Clients));
        services.TryAddSingleton<IClientRegistry>(sp => new ValidatingClientRegistry(
            sp.GetRequiredService<InMemoryClientRegistry>(),
            sp.GetRequiredService<ILogger<ValidatingClientRegistry>>()));

        // Audit trail and telemetry (docs/audit-and-telemetry.md).
        services.TryAddSingleton<SmartOnFhirTelemetry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmartAuditOptions>, SmartAuditOptionsValidator>());
        services.TryAddSingleton<SmartAuditDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SmartAuditBackgroundService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISmartAuditSink, LoggingSmartAuditSink>());

        return new SmartOnFhirBuilder(services);
    }

    private sealed class SmartOnFhirMarker;

    private sealed class ClientJwksHttpClientMarker;

    private sealed class BindSmartOnFhirOptions(IServiceProvider services) : IConfigureOptions<SmartOnFhirOptions>
    {
        public void Configure(SmartOnFhirOptions options) =>
            services.GetService<IConfiguration>()?.GetSection(SmartOnFhirDefaults.ConfigurationSection).Bind(options);
    }

    private sealed class BindInMemoryClientOptions(IServiceProvider services) : IConfigureOptions<InMemoryClientOptions>
    {
        public void Configure(InMemoryClientOptions options)
        {
            var section = services.GetService<IConfiguration>()?.GetSection(SmartOnFhirDefaults.ConfigurationSection + ":Clients");
            if (section is null)
            {
                return;
            }

            foreach (var child in section.GetChildren())
            {
                var client = new SmartClient();
                child.Bind(client);
                options.Clients.Add(client);
            }
        }
    }
}
