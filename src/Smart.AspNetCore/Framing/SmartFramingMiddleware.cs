using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Smart.AspNetCore.Framing;

/// <summary>
/// Adds the framing headers to protected pages when their response starts (the endpoint is known by then): pages whose
/// endpoint carries <see cref="SmartFrameAncestorsAttribute"/>, and the consent and patient-picker paths unless
/// <see cref="SmartFramingOptions.ProtectInteractionPages"/> is off. A host's own <c>Content-Security-Policy</c> is kept:
/// the frame-ancestors policy is added as a second header, and browsers enforce both.
/// </summary>
internal sealed class SmartFramingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly string _policy;
    private readonly bool _sameOriginOnly;
    private readonly PathString[] _interactionPaths;
    private readonly Func<object, Task> _onStarting;

    public SmartFramingMiddleware(RequestDelegate next, IOptions<SmartOnFhirOptions> options)
    {
        _next = next;
        var value = options.Value;
        _policy = SmartFramingPolicy.FrameAncestors(value.Framing.AllowedAncestors);
        _sameOriginOnly = value.Framing.AllowedAncestors.Count == 0;
        _interactionPaths = value.Framing.ProtectInteractionPages
            ? [new PathString(value.Interaction.ConsentPath), new PathString(value.Interaction.PatientPickerPath)]
            : [];

        // One callback for every request, with the HttpContext as its state: no closure or boxed tuple per request,
        // since this runs for every route of the host, not only the ones it protects.
        _onStarting = state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        };
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(_onStarting, context);
        return _next(context);
    }

    private void Apply(HttpContext context)
    {
        if (!IsProtected(context))
        {
            return;
        }

        var headers = context.Response.Headers;
        // A page that already states its own frame-ancestors (the library's default pages do) keeps it: one rule, one header.
        if (!headers.ContentSecurityPolicy.Any(static csp => csp is not null && csp.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Append(HeaderNames.ContentSecurityPolicy, _policy);
        }

        if (_sameOriginOnly && !headers.ContainsKey(HeaderNames.XFrameOptions))
        {
            headers.XFrameOptions = "SAMEORIGIN";
        }
    }

    private bool IsProtected(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<SmartFrameAncestorsAttribute>() is not null)
        {
            return true;
        }

        var path = context.Request.Path;
        foreach (var protectedPath in _interactionPaths)
        {
            if (path.Equals(protectedPath, StringComparison.OrdinalIgnoreCase)
                || (path.StartsWithSegments(protectedPath, StringComparison.OrdinalIgnoreCase, out var rest) && rest == "/"))
            {
                return true;
            }
        }

        return false;
    }
}
