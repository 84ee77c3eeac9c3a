using Microsoft.Extensions.Options;
using Smart.AspNetCore.ResourceServer;

namespace Smart.AspNetCore.DependencyInjection;

/// <summary>Validates <see cref="SmartResourceServerOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class SmartResourceServerOptionsValidator : IValidateOptions<SmartResourceServerOptions>
{
    internal const int MaxCacheEntries = 1_000_000;
    internal const long MinCacheBytes = 64 * 1024;
    internal const long MaxCacheBytes = 1024L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, SmartResourceServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.ClockSkew < TimeSpan.Zero)
        {
            errors.Add($"SmartResourceServerOptions.ClockSkew is {options.ClockSkew}; it must not be negative. Use TimeSpan.Zero or a few seconds.");
        }

        var cache = options.TokenCache;
        if (cache.Enabled)
        {
            if (cache.MaxEntries is < 1 or > MaxCacheEntries)
            {
                errors.Add($"SmartResourceServerOptions.TokenCache.MaxEntries is {cache.MaxEntries}; it must be between 1 and {MaxCacheEntries}. Set a count in that range, or set TokenCache.Enabled to false to turn the cache off.");
            }

            if (cache.MaxMemoryBytes is < MinCacheBytes or > MaxCacheBytes)
            {
                errors.Add($"SmartResourceServerOptions.TokenCache.MaxMemoryBytes is {cache.MaxMemoryBytes}; it must be between {MinCacheBytes} (64 KiB) and {MaxCacheBytes} (1 GiB). Set a size in that range, or set TokenCache.Enabled to false to turn the cache off.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
