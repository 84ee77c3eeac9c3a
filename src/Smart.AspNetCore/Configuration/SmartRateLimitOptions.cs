namespace Smart.AspNetCore;

/// <summary>
/// Opt-in rate limiting of the authorization server endpoints (authorize, token, introspection, revocation): fixed
/// windows counted in the <see cref="Throttling.IRateLimitStore"/> (per instance in memory by default; shared by a farm
/// with the Redis stores). Requests are counted per remote address and per <c>client_id</c>; failed client
/// authentications have a separate, smaller budget.
/// Past a limit the answer is <c>429</c> with <c>Retry-After</c> (a JSON <c>temporarily_unavailable</c> error on the
/// token, introspection and revocation endpoints; an HTML page at the authorization endpoint). Enable it with
/// <c>Smart:RateLimiting:Enabled=true</c> or <c>options.RateLimiting.Enabled = true</c>.
/// </summary>
public sealed class SmartRateLimitOptions
{
    /// <summary>Whether the limits apply. Default <see langword="false"/> (opt-in).</summary>
    public bool Enabled { get; set; }

    /// <summary>The length of each counting window. Default 1 minute; <c>Retry-After</c> is never longer.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests per window from one remote address. Default 600.</summary>
    public int RequestsPerAddress { get; set; } = 600;

    /// <summary>Requests per window naming one <c>client_id</c>. Default 300.</summary>
    public int RequestsPerClient { get; set; } = 300;

    /// <summary>Failed client authentications per window for one <c>client_id</c>. Default 30.</summary>
    public int FailedAuthenticationsPerClient { get; set; } = 30;

    /// <summary>Failed client authentications per window from one remote address. Default 60.</summary>
    public int FailedAuthenticationsPerAddress { get; set; } = 60;
}
