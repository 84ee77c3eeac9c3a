using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Smart.AspNetCore.Testing;

/// <summary>
/// The kit's changes to a host's services, for hosts with a test factory of their own (call them from
/// <c>ConfigureTestServices</c>); <see cref="SmartWebApplicationFactory{TEntryPoint}"/> calls them for you.
/// </summary>
public static class SmartTestingServiceCollectionExtensions
{
    /// <summary>
    /// Replaces every signing key the host configured with <see cref="SmartTestKeys"/>, before the development keys
    /// would be loaded (so nothing is written to the host's folder). Tokens minted by the kit and by the host's token
    /// endpoint are then signed with the same test key.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddSmartTestKeys(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<SmartOnFhirOptions>(options =>
        {
            options.Signing.Keys.Clear();
            options.Signing.Keys.Add(new SmartSigningKeyOptions { Pem = SmartTestKeys.PrivateKeyPem, KeyId = SmartTestKeys.KeyId });
        });
        return services;
    }

    /// <summary>Makes <paramref name="clock"/> the host's <see cref="TimeProvider"/> (the library reads every expiry from it).</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="clock">The clock the test moves with <see cref="FakeTimeProvider.Advance"/>.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddSmartFakeTimeProvider(this IServiceCollection services, FakeTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clock);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(clock);
        return services;
    }
}
