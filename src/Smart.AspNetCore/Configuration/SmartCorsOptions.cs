namespace Smart.AspNetCore;

/// <summary>
/// Cross-origin settings. Discovery documents and <c>/metadata</c> always allow any origin (DISC-13); the token
/// endpoint allows the requesting client's registered origins (TOKEN-13). The authorization endpoint never
/// answers CORS (SEC-7).
/// </summary>
public sealed class SmartCorsOptions
{
    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) allowed on the token endpoint for every client, in addition to each
    /// client's own <see cref="Clients.SmartClient.AllowedCorsOrigins"/>. Empty by default.
    /// </summary>
    public IList<string> AdditionalAllowedOrigins { get; } = new List<string>();

    /// <summary>How long browsers may cache a preflight answer. Default 10 minutes.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
