using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Smart.AspNetCore.Diagnostics;

/// <summary>
/// The library's metrics and traces, both named <see cref="Name"/> (docs/audit-and-telemetry.md lists every instrument
/// and span). The meter comes from the host's <see cref="IMeterFactory"/>, so each host (and each test host) has its
/// own. Tags never hold a patient id, a user id or a token: only grant types, error ids, decisions and status codes,
/// each from a small fixed set (unknown grant types are tagged <c>other</c>).
/// </summary>
internal sealed class SmartOnFhirTelemetry : IDisposable
{
    /// <summary>The name of the meter and of the activity source: <c>Smart.AspNetCore</c>.</summary>
    public const string Name = "Smart.AspNetCore";

    /// <summary>Tag: the OAuth grant type.</summary>
    public const string GrantTypeTag = "smart.grant_type";

    /// <summary>Tag: the stable error id (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The activity source of the library's spans (static, as activity sources are process-wide by design).</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly double[] s_durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly Meter _meter;
    private readonly Counter<long> _auditDropped;
    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _tokensRefused;
    private readonly Counter<long> _refreshReused;
    private readonly Counter<long> _revocations;
    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _tokenDuration;
    private readonly Histogram<double> _authorizeDuration;

    public SmartOnFhirTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _auditDropped = _meter.CreateCounter<long>("smart.audit.dropped", "{event}", "Audit events dropped because the audit queue was full.");
        _tokensIssued = _meter.CreateCounter<long>("smart.token.issued", "{response}", "Token responses issued, by grant type.");
        _tokensRefused = _meter.CreateCounter<long>("smart.token.refused", "{response}", "Token requests refused, by error id.");
        _refreshReused = _meter.CreateCounter<long>("smart.refresh_token.reused", "{grant}", "Refresh-token (or code) reuse detected; the grant was revoked.");
        _revocations = _meter.CreateCounter<long>("smart.revocation", "{request}", "Revocation requests, by outcome.");
        _decisions = _meter.CreateCounter<long>("smart.resource_server.decisions", "{request}", "Resource-server access decisions, by decision and error id.");
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets };
        _tokenDuration = _meter.CreateHistogram("smart.token.duration", "s", "Duration of token endpoint requests.", advice: advice);
        _authorizeDuration = _meter.CreateHistogram("smart.authorize.duration", "s", "Duration of authorization endpoint requests (each step).", advice: advice);
    }

    public void AuditDropped(string eventCode) => _auditDropped.Add(1, new KeyValuePair<string, object?>("smart.audit.event", eventCode));

    public void TokenIssued(string? grantType) => _tokensIssued.Add(1, new KeyValuePair<string, object?>(GrantTypeTag, KnownGrantType(grantType)));

    public void TokenRefused(string? grantType, string? errorId) => _tokensRefused.Add(
        1, new KeyValuePair<string, object?>(GrantTypeTag, KnownGrantType(grantType)), new KeyValuePair<string, object?>(ErrorTypeTag, errorId));

    public void ReuseDetected(string kind) => _refreshReused.Add(1, new KeyValuePair<string, object?>("smart.reuse.kind", kind));

    public void Revocation(bool succeeded, string? errorId) => _revocations.Add(
        1, new KeyValuePair<string, object?>("smart.outcome", succeeded ? "success" : "failure"), new KeyValuePair<string, object?>(ErrorTypeTag, errorId));

    public void ResourceServerDecision(bool allowed, string? errorId) => _decisions.Add(
        1, new KeyValuePair<string, object?>("smart.decision", allowed ? "allowed" : "refused"), new KeyValuePair<string, object?>(ErrorTypeTag, errorId));

    public void TokenDuration(TimeSpan elapsed, string? grantType, int statusCode) => _tokenDuration.Record(
        elapsed.TotalSeconds, new KeyValuePair<string, object?>(GrantTypeTag, KnownGrantType(grantType)), new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    public void AuthorizeDuration(TimeSpan elapsed, int statusCode) => _authorizeDuration.Record(
        elapsed.TotalSeconds, new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    /// <summary>
    /// Publishes the resource server's validated-token cache as observable instruments, read only when a listener
    /// collects (nothing is recorded per request): <c>smart.token_cache.hits</c>, <c>.misses</c> and <c>.evictions</c>
    /// (counters) and <c>smart.token_cache.entries</c> (the tokens held now).
    /// </summary>
    public void ObserveTokenCache(Func<long> hits, Func<long> misses, Func<long> evictions, Func<long> entries)
    {
        _meter.CreateObservableCounter("smart.token_cache.hits", hits, "{request}", "Protected requests whose token was answered from the validated-token cache (expiry and revocation still checked).");
        _meter.CreateObservableCounter("smart.token_cache.misses", misses, "{request}", "Protected requests whose token was validated in full.");
        _meter.CreateObservableCounter("smart.token_cache.evictions", evictions, "{token}", "Tokens removed from the validated-token cache to keep it within its bounds.");
        _meter.CreateObservableUpDownCounter("smart.token_cache.entries", entries, "{token}", "Tokens held by the validated-token cache.");
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>Bounds the tag's cardinality: a client may send any text as grant_type.</summary>
    private static string? KnownGrantType(string? grantType) => grantType switch
    {
        null => null,
        "authorization_code" => "authorization_code",
        "refresh_token" => "refresh_token",
        "client_credentials" => "client_credentials",
        _ => "other",
    };
}
