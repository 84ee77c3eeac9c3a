using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Once the host has started, warns about every endpoint protected with <c>RequireSmartAuthorization()</c> whose route
/// does not sit under the path of <c>Smart:FhirBaseUrl</c>. Requests are classified relative to that path, so such an
/// endpoint denies every valid token (403 "not a recognised FHIR REST interaction") and its <c>metadata</c> is not
/// anonymous. A route fits when, after the base path (or after a trailing part of it, the rest being the host's
/// <c>PathBase</c>), the next segment is a parameter, a resource type, <c>metadata</c>, <c>_history</c>,
/// <c>_search</c>, an operation (<c>$name</c>) or nothing.
/// </summary>
internal sealed class FhirBasePathCheck(
    EndpointDataSource endpoints,
    IOptions<SmartOnFhirOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<FhirBasePathCheck> logger) : IHostedService
{
    private const int MaxReported = 10;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // After start, so every endpoint of the host (mapped before Run) is in the data source.
        lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal void Check()
    {
        if (options.Value.FhirBaseUrl is not { IsAbsoluteUri: true } baseUrl)
        {
            return;
        }

        var basePath = baseUrl.AbsolutePath.TrimEnd('/');
        var misplaced = FindMisplaced(endpoints.Endpoints, basePath);
        foreach (var route in misplaced.Take(MaxReported))
        {
            ResourceServerStartupLog.FhirEndpointOutsideBasePath(logger, route, string.IsNullOrEmpty(basePath) ? "/" : basePath, baseUrl.AbsoluteUri.TrimEnd('/'));
        }
    }

    /// <summary>The distinct route patterns of SMART-protected endpoints that do not fit <paramref name="basePath"/>.</summary>
    internal static IReadOnlyList<string> FindMisplaced(IEnumerable<Endpoint> candidates, string basePath)
    {
        var baseSegments = basePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var found = new List<string>();
        foreach (var endpoint in candidates)
        {
            if (endpoint is not RouteEndpoint route || endpoint.Metadata.GetMetadata<SmartResponseFilterMetadata>() is null)
            {
                continue;
            }

            var raw = route.RoutePattern.RawText ?? string.Join('/', route.RoutePattern.PathSegments.Select(Describe));
            if (!Fits(route.RoutePattern.PathSegments, baseSegments) && !found.Contains(raw, StringComparer.Ordinal))
            {
                found.Add(raw);
            }
        }

        return found;
    }

    internal static bool Fits(IReadOnlyList<RoutePatternPathSegment> route, string[] baseSegments)
    {
        // k = how many leading base segments the host's PathBase takes; at least one base segment stays in the route
        // (or none when the FHIR base is the site root).
        var last = Math.Max(baseSegments.Length - 1, 0);
        for (var k = 0; k <= last; k++)
        {
            var suffix = baseSegments.AsSpan(k);
            if (route.Count < suffix.Length)
            {
                continue;
            }

            var matches = true;
            for (var i = 0; i < suffix.Length && matches; i++)
            {
                matches = Literal(route[i]) is not { } literal || string.Equals(literal, suffix[i], StringComparison.OrdinalIgnoreCase);
            }

            if (matches && (route.Count == suffix.Length || IsFhirSegment(route[suffix.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFhirSegment(RoutePatternPathSegment segment) =>
        Literal(segment) is not { } literal
        || FhirResourceTypes.IsKnown(literal)
        || literal is "metadata" or "_history" or "_search" or ".well-known"
        || literal.StartsWith('$');

    private static string? Literal(RoutePatternPathSegment segment) =>
        segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal ? literal.Content : null;

    private static string Describe(RoutePatternPathSegment segment) => Literal(segment) ?? "{…}";
}
