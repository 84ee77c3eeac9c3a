using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Throttling;

/// <summary>
/// The budgets of <see cref="SmartRateLimitOptions"/> as partitioned fixed-window limiters. Requests spend a permit per
/// address and per claimed <c>client_id</c> before they are handled; a failed client authentication spends one more
/// from the failure budgets after it. A request whose client or address has no failure budget left is refused before its
/// credentials are checked, so guessing stops for the rest of the window while the right credentials work again after it.
/// </summary>
internal sealed class SmartRateLimiter : IDisposable
{
    private const int MaxKeyLength = 128;

    private readonly SmartRateLimitOptions _options;
    private readonly PartitionedRateLimiter<string> _addressRequests;
    private readonly PartitionedRateLimiter<string> _clientRequests;
    private readonly PartitionedRateLimiter<string> _addressFailures;
    private readonly PartitionedRateLimiter<string> _clientFailures;

    public SmartRateLimiter(IOptions<SmartOnFhirOptions> options)
    {
        _options = options.Value.RateLimiting;
        _addressRequests = Create(_options.RequestsPerAddress);
        _clientRequests = Create(_options.RequestsPerClient);
        _addressFailures = Create(_options.FailedAuthenticationsPerAddress);
        _clientFailures = Create(_options.FailedAuthenticationsPerClient);
    }

    public bool Enabled => _options.Enabled;

    /// <summary>Spends the request's permits; returns the time to wait when a budget is exhausted.</summary>
    public TimeSpan? TryEnter(HttpContext context, string? clientId)
    {
        var address = AddressKey(context);
        var client = ClientKey(clientId);
        if (Refused(_addressFailures.AttemptAcquire(address, 0)) is { } addressLocked)
        {
            return addressLocked;
        }

        if (client is not null && Refused(_clientFailures.AttemptAcquire(client, 0)) is { } clientLocked)
        {
            return clientLocked;
        }

        if (Refused(_addressRequests.AttemptAcquire(address)) is { } addressBusy)
        {
            return addressBusy;
        }

        return client is null ? null : Refused(_clientRequests.AttemptAcquire(client));
    }

    /// <summary>After the endpoint ran: a failed client authentication spends from the failure budgets.</summary>
    public void Exit(HttpContext context, string? clientId)
    {
        if (!ClientAuthenticationFailures.IsMarked(context))
        {
            return;
        }

        _addressFailures.AttemptAcquire(AddressKey(context)).Dispose();
        if (ClientKey(clientId) is { } client)
        {
            _clientFailures.AttemptAcquire(client).Dispose();
        }
    }

    /// <summary>The client a request names: <c>client_id</c>, else the HTTP Basic user name.</summary>
    public static string? ClaimedClientId(HttpContext context, IReadOnlyList<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> parameters)
    {
        foreach (var (name, values) in parameters)
        {
            if (name == OAuthParameters.ClientId && values.Count > 0 && !string.IsNullOrEmpty(values[0]))
            {
                return values[0];
            }
        }

        var header = context.Request.Headers.Authorization.ToString();
        return AuthenticationHeaderValue.TryParse(header, out var value) && string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && ClientAuthenticator.TryDecodeBasic(value.Parameter, out var id, out _) ? id : null;
    }

    public void Dispose()
    {
        _addressRequests.Dispose();
        _clientRequests.Dispose();
        _addressFailures.Dispose();
        _clientFailures.Dispose();
    }

    private PartitionedRateLimiter<string> Create(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = _options.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private TimeSpan? Refused(RateLimitLease lease)
    {
        using (lease)
        {
            if (lease.IsAcquired)
            {
                return null;
            }

            return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero && retryAfter <= _options.Window
                ? retryAfter
                : _options.Window;
        }
    }

    private static string AddressKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "(unknown)";

    private static string? ClientKey(string? clientId) => clientId switch
    {
        null or "" => null,
        { Length: <= MaxKeyLength } => clientId,
        _ => Protocol.SecureValues.HashHandle(clientId),
    };
}
