using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Logging;

namespace Smart.AspNetCore.ClientAuthentication;

/// <summary>
/// The public keys of asymmetric clients (CLIENT-2, CLIENT-6, CLIENT-7, SEC-8): the inline <see cref="SmartClient.Jwks"/>,
/// or the set at the registered <see cref="SmartClient.JwksUri"/>, fetched with <c>GET</c> and <c>Accept: application/json</c>
/// through the <see cref="SmartOnFhirDefaults.ClientJwksHttpClientName"/> client (HTTPS only, or HTTP on loopback; no
/// redirects; <see cref="FetchTimeout"/>; at most <see cref="MaxResponseBytes"/>). A fetched set is cached as long as its
/// <c>Cache-Control: max-age</c> allows (no longer than <see cref="MaxCacheDuration"/>; <see cref="DefaultCacheDuration"/>
/// without a header; not at all with <c>no-store</c>/<c>no-cache</c>), and re-fetched once when an assertion names an
/// unknown <c>kid</c>, at most once per <see cref="MinRefreshInterval"/> per URL.
/// </summary>
internal sealed class ClientJwksProvider(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<ClientJwksProvider> logger)
{
    public const int MaxResponseBytes = 64 * 1024;
    public const int MaxCachedUris = 1000;
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxCacheDuration = TimeSpan.FromHours(1);
    public static readonly TimeSpan DefaultCacheDuration = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, CachedSet> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The keys of <paramref name="client"/> whose <c>kid</c> is <paramref name="keyId"/>. For a <c>jwks_uri</c>, a miss
    /// in the cached set triggers one re-fetch (rate-limited). Returns <see langword="null"/> when the set cannot be read.
    /// </summary>
    public async Task<IReadOnlyList<JsonWebKey>?> FindKeysAsync(SmartClient client, string keyId, CancellationToken cancellationToken)
    {
        if (client.JwksUri is null)
        {
            var inline = Parse(client.Jwks);
            return inline is null ? null : Matching(inline, keyId);
        }

        var uri = client.JwksUri;
        var now = timeProvider.GetUtcNow();
        var key = uri.AbsoluteUri;
        if (_cache.TryGetValue(key, out var cached) && cached.ExpiresAt > now)
        {
            var hits = Matching(cached.Keys, keyId);
            if (hits.Count > 0 || now - cached.FetchedAt < MinRefreshInterval)
            {
                return hits;
            }
        }
        else if (cached is not null && now - cached.FetchedAt < MinRefreshInterval && cached.Keys.Count == 0)
        {
            // The last fetch failed or was not cacheable moments ago: do not hammer the client's server.
            return Matching(cached.Keys, keyId);
        }

        var fetched = await FetchAsync(client, uri, cancellationToken).ConfigureAwait(false);
        if (fetched is null)
        {
            _cache[key] = new CachedSet([], now, now);
            return null;
        }

        if (_cache.Count >= MaxCachedUris && !_cache.ContainsKey(key))
        {
            _cache.Clear();
        }

        _cache[key] = new CachedSet(fetched.Value.Keys, now, now + fetched.Value.CacheFor);
        return Matching(fetched.Value.Keys, keyId);
    }

    private async Task<(IReadOnlyList<JsonWebKey> Keys, TimeSpan CacheFor)?> FetchAsync(SmartClient client, Uri uri, CancellationToken cancellationToken)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && !SmartClientValidator.IsLoopbackHttp(uri)))
        {
            Log.ClientJwksFetchFailed(logger, client.ClientId, "the jwks_uri is not an HTTPS URL");
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FetchTimeout);
        try
        {
            var http = httpClientFactory.CreateClient(SmartOnFhirDefaults.ClientJwksHttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/jwk-set+json"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Log.ClientJwksFetchFailed(logger, client.ClientId, $"HTTP {(int)response.StatusCode}");
                return null;
            }

            if (response.Content.Headers.ContentLength is > MaxResponseBytes)
            {
                Log.ClientJwksFetchFailed(logger, client.ClientId, "the response is too large");
                return null;
            }

            var body = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (body is null)
            {
                Log.ClientJwksFetchFailed(logger, client.ClientId, "the response is too large");
                return null;
            }

            var set = Parse(body);
            if (set is null)
            {
                Log.ClientJwksFetchFailed(logger, client.ClientId, "the response is not a JSON Web Key Set");
                return null;
            }

            var cacheFor = CacheDuration(response.Headers.CacheControl);
            Log.ClientJwksFetched(logger, client.ClientId, set.Count, (int)cacheFor.TotalSeconds);
            return (set, cacheFor);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            Log.ClientJwksFetchFailed(logger, client.ClientId, cancellationToken.IsCancellationRequested ? "the request was aborted" : ex is OperationCanceledException ? "timeout" : ex.GetType().Name);
            return null;
        }
    }

    private static async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxResponseBytes + 1];
            var total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > MaxResponseBytes)
                {
                    return null;
                }
            }

            return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
        }
    }

    /// <summary>CLIENT-7: never longer than the client allows, never longer than <see cref="MaxCacheDuration"/>.</summary>
    internal static TimeSpan CacheDuration(CacheControlHeaderValue? cacheControl)
    {
        if (cacheControl is null)
        {
            return DefaultCacheDuration;
        }

        if (cacheControl.NoStore || cacheControl.NoCache)
        {
            return TimeSpan.Zero;
        }

        var maxAge = cacheControl.SharedMaxAge ?? cacheControl.MaxAge;
        if (maxAge is null)
        {
            return DefaultCacheDuration;
        }

        return maxAge.Value < TimeSpan.Zero ? TimeSpan.Zero : maxAge.Value > MaxCacheDuration ? MaxCacheDuration : maxAge.Value;
    }

    private static List<JsonWebKey>? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return [.. new JsonWebKeySet(json).Keys];
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static List<JsonWebKey> Matching(IReadOnlyList<JsonWebKey> keys, string keyId) =>
        [.. keys.Where(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal))];

    private sealed record CachedSet(IReadOnlyList<JsonWebKey> Keys, DateTimeOffset FetchedAt, DateTimeOffset ExpiresAt);
}
