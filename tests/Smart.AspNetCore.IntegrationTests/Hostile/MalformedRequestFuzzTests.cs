using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Smart.AspNetCore.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Smart.AspNetCore.IntegrationTests.Hostile;

/// <summary>
/// At least 10,000 generated malformed requests through the sample's real pipeline (authorization server endpoints,
/// FHIR API, discovery): not one 5xx, and no exception text in any body. Deterministic by seed
/// (<c>SMART_FUZZ_SEED</c>, <c>SMART_FUZZ_REQUESTS</c> override the defaults); the seed is printed on failure.
/// </summary>
public sealed class MalformedRequestFuzzTests(QuietSampleEhrFactory factory, ITestOutputHelper output) : IClassFixture<QuietSampleEhrFactory>
{
    private const int DefaultSeed = 20261201;
    private const int DefaultRequests = 10_000;

    private static readonly string[] s_exceptionMarkers = ["Exception", "   at ", "StackTrace", "stack trace", "Microsoft.AspNetCore.", "System.Private"];

    private static readonly string[] s_areas = ["/fhir/auth/authorize", "/fhir/auth/token", "/fhir/auth/introspect", "/fhir/auth/revoke"];

    [Fact]
    public async Task GeneratedMalformedRequests_NeverGet5xxOrExceptionText()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SMART_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var total = int.TryParse(Environment.GetEnvironmentVariable("SMART_FUZZ_REQUESTS"), out var n) ? Math.Max(n, 1) : DefaultRequests;

        using var flow = new SmartFlowClient(factory);
        var token = await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(ClientAssertions.Backend), "system/*.rs"));
        token.Status.Should().Be(HttpStatusCode.OK);
        var basic = ClientAssertions.Basic("confidential-app", "confidential-secret").ToString();
        var generator = new MalformedRequestGenerator(seed, token["access_token"]!, basic);
        var server = factory.Server;

        var statuses = new SortedDictionary<int, int>();
        var failures = new List<string>();
        var timeByArea = new SortedDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var request = generator.Next();
            var started = watch.Elapsed;
            var (status, body) = await SendAsync(server, request);
            var area = s_areas.FirstOrDefault(a => request.Path.StartsWith(a, StringComparison.Ordinal)) ?? "/fhir (API, discovery)";
            timeByArea[area] = timeByArea.GetValueOrDefault(area) + (watch.Elapsed - started);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var marker = s_exceptionMarkers.FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal));
            if ((status >= 500 || marker is not null) && failures.Count < 10)
            {
                failures.Add($"#{i} -> {status}{(marker is null ? string.Empty : " (body has '" + marker + "')")}: {request}\n    {(body.Length > 300 ? body[..300] : body)}");
            }
        }

        watch.Stop();
        var summary = $"seed {seed}: {total} requests in {watch.Elapsed.TotalSeconds:F1} s; statuses {string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}"))}";
        output.WriteLine(summary);
        output.WriteLine(string.Join(", ", timeByArea.Select(p => $"{p.Key} {p.Value.TotalSeconds:F1} s")));
        failures.Should().BeEmpty($"{summary}. Replay with SMART_FUZZ_SEED={seed}. First failures:\n{string.Join('\n', failures)}");
        statuses.Keys.Should().OnlyContain(code => code < 500, summary);
    }

    private static async Task<(int Status, string Body)> SendAsync(TestServer server, GeneratedRequest request)
    {
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = request.Method;
            c.Request.Path = new PathString(request.Path);
            c.Request.QueryString = request.Query.Length == 0 ? QueryString.Empty : new QueryString(WireQuery(request.Query));
            foreach (var (name, value) in request.Headers)
            {
                c.Request.Headers.Append(name, WireHeader(value));
            }

            c.Request.Headers.Host = "localhost";
            if (request.Body.Length > 0)
            {
                c.Request.Body = new MemoryStream(request.Body);
                c.Request.ContentLength = request.Body.Length;
            }
        });

        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    /// <summary>What Kestrel would deliver: visible ASCII kept (broken escapes too), everything else percent-encoded.</summary>
    private static string WireQuery(string query)
    {
        var builder = new StringBuilder(query.Length);
        foreach (var rune in query.EnumerateRunes())
        {
            builder.Append(rune.Value is > 0x20 and < 0x7F and not '#' ? rune.ToString() : Uri.EscapeDataString(rune.ToString()));
        }

        return builder.ToString();
    }

    /// <summary>Kestrel refuses header values outside visible ASCII and space.</summary>
    private static string WireHeader(string value) => string.Create(value.Length, value, static (span, v) =>
    {
        for (var i = 0; i < v.Length; i++)
        {
            span[i] = v[i] is >= ' ' and <= '~' ? v[i] : '?';
        }
    });
}
