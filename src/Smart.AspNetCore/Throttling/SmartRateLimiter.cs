using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Throttling;

/// <summary>
/// The budgets of <see cref="SmartRateLimitOptions"/>, counted in the <see cref="IRateLimitStore"/> (in memory per
/// instance by default, shared by a farm with the Redis stores). Requests spend one from the budgets of their address
/// and of their claimed <c>client_id</c> before they are handled; a failed client authentication counts against the
/// failure budgets after it. A request whose client or address has no failure budget left is refused before its
/// credentials are checked, so guessing stops for the rest of the window while the right credentials work again after it.
/// </summary>
internal sealed class SmartRateLimiter(IOptions<SmartOnFhirOptions> options, IRateLimitStore store)
{
    private const int MaxKeyLength = 128;

    private readonly SmartRateLimitOptions _options = options.Value.RateLimiting;

    public bool Enabled => _options.Enabled;

    /// <summary>Spends the request's budgets; returns the time to wait (at most the window) when one is exhausted.</summary>
    public async Task<TimeSpan?> TryEnterAsync(HttpContext context, string? clientId)
    {
        var wait = await store.TryAcquireAsync(AddressKey(context), ClientKey(clientId), _options, context.RequestAborted).ConfigureAwait(false);
        return wait is not { } retryAfter ? null : retryAfter > TimeSpan.Zero && retryAfter <= _options.Window ? retryAfter : _options.Window;
    }

    /// <summary>
    /// After the endpoint ran: a failed client authentication spends from the failure budgets. Not cancelled by the
    /// request (a guesser that reads the 401 and hangs up must still be counted); a store bounds its own time.
    /// </summary>
    public Task ExitAsync(HttpContext context, string? clientId) =>
        ClientAuthenticationFailures.IsMarked(context)
            ? store.RecordFailureAsync(AddressKey(context), ClientKey(clientId), _options, CancellationToken.None)
            : Task.CompletedTask;

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

    private static string AddressKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "(unknown)";

    private static string? ClientKey(string? clientId) => clientId switch
    {
        null or "" => null,
        { Length: <= MaxKeyLength } => clientId,
        _ => Protocol.SecureValues.HashHandle(clientId),
    };
}
