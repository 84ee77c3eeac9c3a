using Microsoft.Extensions.Options;

namespace Smart.AspNetCore.Configuration;

/// <summary>Validates <see cref="SmartOnFhirOptions.RequestLimits"/> and <see cref="SmartOnFhirOptions.Framing"/> at start-up, every problem at once.</summary>
internal sealed class SmartHardeningOptionsValidator : IValidateOptions<SmartOnFhirOptions>
{

    public ValidateOptionsResult Validate(string? name, SmartOnFhirOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.RequestLimits;
        var errors = new List<string>();
        Check(limits.MaxBodyBytes, 1024, 4 * 1024 * 1024, nameof(limits.MaxBodyBytes));
        Check(limits.MaxParameters, 8, 1024, nameof(limits.MaxParameters));
        Check(limits.MaxParameterNameLength, 16, 2048, nameof(limits.MaxParameterNameLength));
        Check(limits.MaxParameterValueLength, 1024, 1024 * 1024, nameof(limits.MaxParameterValueLength));
        Check(limits.MaxScopeLength, 64, limits.MaxParameterValueLength, nameof(limits.MaxScopeLength));
        Check(limits.MaxScopes, 1, 10_000, nameof(limits.MaxScopes));
        var rates = options.RateLimiting;
        Check((long)rates.Window.TotalSeconds, 1, 3600, "RateLimiting:Window (seconds)");
        Check(rates.RequestsPerAddress, 1, 1_000_000, "RateLimiting:" + nameof(rates.RequestsPerAddress));
        Check(rates.RequestsPerClient, 1, 1_000_000, "RateLimiting:" + nameof(rates.RequestsPerClient));
        Check(rates.FailedAuthenticationsPerClient, 1, 1_000_000, "RateLimiting:" + nameof(rates.FailedAuthenticationsPerClient));
        Check(rates.FailedAuthenticationsPerAddress, 1, 1_000_000, "RateLimiting:" + nameof(rates.FailedAuthenticationsPerAddress));

        foreach (var origin in options.Framing.AllowedAncestors)
        {
            if (!IsOrigin(origin))
            {
                errors.Add($"{SmartOnFhirDefaults.ConfigurationSection}:Framing:AllowedAncestors: '{origin}' is not an origin; use scheme://host[:port] without path or wildcard.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Check(long value, long min, long max, string property)
        {
            if (value < min || value > max)
            {
                errors.Add($"{SmartOnFhirDefaults.ConfigurationSection}:{(property.StartsWith("RateLimiting", StringComparison.Ordinal) ? property : "RequestLimits:" + property)} must be between {min} and {max}; it is {value}.");
            }
        }
    }

    /// <summary>An allowed ancestor is an absolute http(s) origin: no path, query, fragment, user info or wildcard.</summary>
    private static bool IsOrigin(string? value) =>
        Uri.TryCreate(value?.TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
        && !value!.Contains('*', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal) && !value.Contains(';', StringComparison.Ordinal);
}
