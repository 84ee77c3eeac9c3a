using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.Protocol;

/// <summary>
/// Marks a request whose client authentication failed (where <c>invalid_client</c> is answered), so the rate limiter
/// can spend from the failure budgets without the endpoints depending on it.
/// </summary>
internal static class ClientAuthenticationFailures
{
    private static readonly object s_key = new();

    public static void Mark(HttpContext context) => context.Items[s_key] = true;

    public static bool IsMarked(HttpContext context) => context.Items.ContainsKey(s_key);
}
