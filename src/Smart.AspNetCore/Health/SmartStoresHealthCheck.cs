using Microsoft.Extensions.Diagnostics.HealthChecks;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Health;

/// <summary>
/// The stores and the client registry answer: each is asked for a random key that cannot exist (a read, or an atomic
/// consume of nothing), so the probe changes no data. An exception (a Redis or database store that cannot be reached)
/// is unhealthy and names the store, never a value.
/// </summary>
internal sealed class SmartStoresHealthCheck(
    IClientRegistry clients,
    IRefreshTokenStore refreshTokens,
    IAuthorizationCodeStore codes,
    ILaunchContextStore launches,
    IAccessTokenDenylist denylist) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = "health-probe-" + SecureValues.CreateHandle();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var failures = new List<string>();
        await ProbeAsync("clients", clients.GetType().Name, () => clients.FindByIdAsync(probe, cancellationToken)).ConfigureAwait(false);
        await ProbeAsync("refresh_tokens", refreshTokens.GetType().Name, () => refreshTokens.FindAsync(probe, cancellationToken)).ConfigureAwait(false);
        await ProbeAsync("authorization_codes", codes.GetType().Name, () => codes.RedeemAsync(probe, cancellationToken)).ConfigureAwait(false);
        await ProbeAsync("launch_contexts", launches.GetType().Name, () => launches.ConsumeAsync(probe, cancellationToken)).ConfigureAwait(false);
        await ProbeAsync("access_token_denylist", denylist.GetType().Name, () => denylist.IsRevokedAsync(probe, cancellationToken)).ConfigureAwait(false);

        return failures.Count == 0
            ? HealthCheckResult.Healthy("The client registry and the stores answer.", data)
            : HealthCheckResult.Unhealthy("Not answering: " + string.Join(", ", failures) + ".", data: data);

        async Task ProbeAsync(string name, string type, Func<Task> call)
        {
            try
            {
                await call().ConfigureAwait(false);
                data[name] = type;
            }
#pragma warning disable CA1031 // Any failure of a store is the health answer.
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                data[name] = type + ": " + exception.GetType().Name;
                failures.Add(name);
            }
        }
    }
}
