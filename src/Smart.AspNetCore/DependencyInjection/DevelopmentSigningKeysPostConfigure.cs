using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Logging;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.DependencyInjection;

/// <summary>
/// In Development, and only when no key is configured, adds the persisted development keys to
/// <see cref="SmartSigningOptions.Keys"/>.
/// </summary>
internal sealed class DevelopmentSigningKeysPostConfigure(
    DevelopmentSigningKeysSetup setup,
    ILogger<DevelopmentSigningKeysPostConfigure> logger) : IPostConfigureOptions<SmartOnFhirOptions>
{
    public void PostConfigure(string? name, SmartOnFhirOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!setup.IsEnabled)
        {
            Log.DevelopmentKeysIgnored(logger);
            return;
        }

        if (options.Signing.Keys.Count > 0)
        {
            return;
        }

        var path = setup.FullPath;
        var existed = File.Exists(path);
        foreach (var key in DevelopmentSigningKeys.LoadOrCreate(path))
        {
            options.Signing.Keys.Add(key);
        }

        if (!existed)
        {
            Log.DevelopmentKeyGenerated(logger, path);
        }
    }
}
