using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.StackExchangeRedis;
using Smart.AspNetCore.Stores;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis stores of Smart.AspNetCore.</summary>
public static class SmartOnFhirBuilderRedisExtensions
{
    /// <summary>
    /// Keeps every piece of shared SMART state in Redis, so that several instances behind a load balancer behave as
    /// one: launches, authorization requests in progress, authorization codes, refresh tokens with their families and
    /// sessions, client-assertion <c>jti</c>s, revoked access tokens, remembered consent and the rate-limit counters (when
    /// <see cref="Smart.AspNetCore.SmartRateLimitOptions.Enabled"/>: one round trip per authorization server request,
    /// and one more after a failed client authentication). Single-use operations are one atomic server
    /// step each (<c>GETDEL</c>, <c>SET NX PX</c>, Lua); keys are SHA-256 hashes under
    /// <see cref="SmartRedisStoreOptions.KeyPrefix"/> and expire with their entry. Uses an
    /// <see cref="IConnectionMultiplexer"/> registered in DI when there is one, otherwise connects with
    /// <see cref="SmartRedisStoreOptions.Configuration"/>. A Redis that times out or cannot be reached makes the
    /// request answer <c>503</c> (<see cref="SmartStoreUnavailableException"/>), never <c>500</c>.
    /// Safe to call more than once.
    /// </summary>
    /// <param name="builder">The Smart.AspNetCore builder.</param>
    /// <param name="configure">Configures the connection, key prefix and operation timeout.</param>
    /// <returns>The builder.</returns>
    public static SmartOnFhirBuilder AddStackExchangeRedisStores(this SmartOnFhirBuilder builder, Action<SmartRedisStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<SmartRedisStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmartRedisStoreOptions>, SmartRedisStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisStoreRunner>();

        services.Replace(ServiceDescriptor.Singleton<ILaunchContextStore, RedisLaunchContextStore>());
        services.Replace(ServiceDescriptor.Singleton<IPendingAuthorizationStore, RedisPendingAuthorizationStore>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationCodeStore, RedisAuthorizationCodeStore>());
        services.Replace(ServiceDescriptor.Singleton<IRefreshTokenStore, RedisRefreshTokenStore>());
        services.Replace(ServiceDescriptor.Singleton<IClientAssertionReplayCache, RedisClientAssertionReplayCache>());
        services.Replace(ServiceDescriptor.Singleton<IAccessTokenDenylist, RedisAccessTokenDenylist>());
        services.Replace(ServiceDescriptor.Singleton<IConsentStore, RedisConsentStore>());
        services.Replace(ServiceDescriptor.Singleton<Smart.AspNetCore.Throttling.IRateLimitStore, RedisRateLimitStore>());
        return builder;
    }
}
