using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Health;

/// <summary>
/// Signing keys: healthy with an active (not retired) RS256 key, which id_tokens require; unhealthy without one;
/// degraded when an active certificate-based key (a certificate from configuration, or an <c>X509SecurityKey</c> given
/// in code) expires within <see cref="ExpiryWarning"/> (or has expired).
/// </summary>
internal sealed class SmartSigningKeysHealthCheck(SigningKeyRing keys, TimeProvider timeProvider) : IHealthCheck
{
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["active"] = string.Join(", ", keys.Keys.Where(k => !k.Retired).Select(k => k.KeyId + " " + k.Algorithm)),
            ["retired"] = keys.Keys.Count(k => k.Retired),
        };
        if (!keys.Keys.Any(k => !k.Retired && k.Algorithm == SecurityAlgorithms.RsaSha256))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No active RS256 signing key: id_tokens cannot be signed.", data: data));
        }

        var now = timeProvider.GetUtcNow();
        var expiring = keys.Keys
            .Where(k => !k.Retired && k.NotAfter is not null)
            .Select(k => (k.KeyId, NotAfter: k.NotAfter!.Value))
            .Where(k => k.NotAfter - now <= ExpiryWarning)
            .ToList();
        if (expiring.Count > 0)
        {
            data["expiring"] = string.Join(", ", expiring.Select(k => k.KeyId + " " + k.NotAfter.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
            return Task.FromResult(HealthCheckResult.Degraded("An active certificate-based signing key expires within 30 days: rotate it.", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy("An active RS256 signing key is loaded.", data));
    }
}
