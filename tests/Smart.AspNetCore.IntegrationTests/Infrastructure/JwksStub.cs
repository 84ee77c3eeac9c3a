using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>Serves a JWKS per URL and counts the requests.</summary>
public sealed class JwksStub : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, (string Json, string? CacheControl)> _sets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public ConcurrentBag<string> AcceptHeaders { get; } = [];

    public void Serve(string url, string json, string? cacheControl = null) => _sets[url] = (json, cacheControl);

    public int Requests(string url) => _counts.GetValueOrDefault(url);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        _counts.AddOrUpdate(url, 1, (_, n) => n + 1);
        AcceptHeaders.Add(request.Headers.Accept.ToString());
        if (request.Method != HttpMethod.Get || !_sets.TryGetValue(url, out var set))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(set.Json, Encoding.UTF8, "application/json") };
        if (set.CacheControl is not null)
        {
            response.Headers.TryAddWithoutValidation("Cache-Control", set.CacheControl);
        }

        return Task.FromResult(response);
    }
}
