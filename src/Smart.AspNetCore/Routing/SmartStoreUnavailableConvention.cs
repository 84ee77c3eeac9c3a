using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Stores;

namespace Smart.AspNetCore.Routing;

/// <summary>
/// The one place where the SMART endpoints turn <see cref="SmartStoreUnavailableException"/> (Redis or a database
/// timed out or lost its connection) into <c>503 Service Unavailable</c> with <c>Retry-After</c> instead of a
/// <c>500</c>: an HTML page at the authorization endpoint (never a redirect to the client, whose state is unknown),
/// RFC 6749 JSON <c>temporarily_unavailable</c> everywhere else (token, introspection, revocation). Applied as a
/// convention of the <c>MapSmartOnFhir</c> route group, so it wraps every endpoint of the group.
/// </summary>
internal static partial class SmartStoreUnavailableConvention
{
    public static void Apply(EndpointBuilder endpoint, string authorizePath)
    {
        var inner = endpoint.RequestDelegate;
        if (inner is null)
        {
            return;
        }

        endpoint.RequestDelegate = async context =>
        {
            try
            {
                await inner(context).ConfigureAwait(false);
            }
            catch (SmartStoreUnavailableException ex) when (!context.Response.HasStarted)
            {
                var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Smart.AspNetCore.Stores");
                if (logger is not null)
                {
                    StoreUnavailable(logger, context.Request.Path.Value ?? string.Empty, ex.InnerException?.GetType().Name ?? nameof(SmartStoreUnavailableException));
                }

                var isAuthorize = context.Request.Path.Equals(authorizePath, StringComparison.OrdinalIgnoreCase);
                await (isAuthorize ? WritePageAsync(context) : WriteJsonAsync(context)).ConfigureAwait(false);
            }
        };
    }

    private static void Prepare(HttpResponse response)
    {
        response.Clear();
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = StoreRetry.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        NoStoreHeaders.Apply(response);
    }

    private static Task WriteJsonAsync(HttpContext context)
    {
        var error = SmartErrors.Server.StoreUnavailable.Create();
        Prepare(context.Response);
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream(160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("error", error.Error);
            json.WriteString("error_description", error.Description);
            json.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).AsTask();
    }

    private static Task WritePageAsync(HttpContext context)
    {
        var response = context.Response;
        Prepare(response);
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        return response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Temporarily unavailable</title>"
            + "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:.1rem .3rem}</style></head>"
            + "<body><h1>Sign-in is temporarily unavailable</h1>"
            + $"<p>{HtmlEncoder.Default.Encode(StoreRetry.Description)}</p><p>Error: <code>{OAuthErrorCodes.TemporarilyUnavailable}</code></p>"
            + $"<p>Wait {StoreRetry.RetryAfterSeconds} seconds, then reload this page or start the app again.</p></body></html>",
            context.RequestAborted);
    }

    [LoggerMessage(1300, LogLevel.Warning, "A store was unavailable during '{Path}' ({Failure}); answered 503 with Retry-After.")]
    private static partial void StoreUnavailable(ILogger logger, string path, string failure);
}
