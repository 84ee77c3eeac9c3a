using StackExchange.Redis;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// Options of the Redis stores registered by
/// <see cref="Microsoft.Extensions.DependencyInjection.SmartOnFhirBuilderRedisExtensions.AddStackExchangeRedisStores"/>.
/// The connection is, in this order: an <see cref="IConnectionMultiplexer"/> registered in DI,
/// <see cref="ConfigurationOptions"/>, or <see cref="Configuration"/>.
/// </summary>
public sealed class SmartRedisStoreOptions
{
    /// <summary>A StackExchange.Redis configuration string, for example <c>redis.internal:6380,ssl=true,password=...</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>StackExchange.Redis configuration options; take precedence over <see cref="Configuration"/>.</summary>
    public ConfigurationOptions? ConfigurationOptions { get; set; }

    /// <summary>
    /// Prefix of every key the stores write (default <c>smart:</c>). Give each EHR sharing a Redis its own prefix.
    /// </summary>
    public string KeyPrefix { get; set; } = "smart:";

    /// <summary>
    /// The longest any store operation may take before the request is answered <c>503</c> (a
    /// <see cref="Stores.SmartStoreUnavailableException"/>). Default 3 seconds; at most 10 seconds.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a redeemed authorization code is remembered after its expiry, so that a late replay is still
    /// recognised and revokes the grant it produced (TOKEN-3). Default 10 minutes.
    /// </summary>
    public TimeSpan CodeReplayWindow { get; set; } = TimeSpan.FromMinutes(10);
}
