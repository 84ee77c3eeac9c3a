using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Logging;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Stores;
using Smart.AspNetCore.Requests;
using Smart.AspNetCore.Throttling;

namespace Smart.AspNetCore.Routing;

/// <summary>
/// Wraps each authorization server endpoint so that a failure the endpoint did not foresee (a bug, a store that
/// throws) is logged with its stack trace and answered <c>500 server_error</c> with a fixed body: never the host's
/// exception page, in any environment, and never exception text in a response. Cancelled requests are left alone.
/// When <see cref="SmartRateLimitOptions.Enabled"/>, it also applies the rate limits (<see cref="SmartRateLimiter"/>); a rate-limit
/// store that cannot be reached answers <c>503</c> like every other store (<see cref="SmartStoreUnavailableException"/>).
/// </summary>
internal static class SmartEndpointGuard
{
    private static readonly string Description = SmartErrors.Server.UnexpectedFailure.Description;

    /// <summary>Guards the token, introspection and revocation endpoints: a JSON error (RFC 6749 §5.2).</summary>
    public static RouteHandlerBuilder WithJsonGuard(this RouteHandlerBuilder builder, string name) =>
        builder.AddEndpointFilter((invocation, next) => InvokeAsync(invocation, next, name, WriteJsonAsync, WriteJsonThrottledAsync));

    /// <summary>Guards the authorization endpoint: an HTML page, never a redirect.</summary>
    public static RouteHandlerBuilder WithHtmlGuard(this RouteHandlerBuilder builder, string name) =>
        builder.AddEndpointFilter((invocation, next) => InvokeAsync(invocation, next, name, WriteHtmlAsync, WriteHtmlThrottledAsync));

    private static async ValueTask<object?> InvokeAsync(
        EndpointFilterInvocationContext invocation,
        EndpointFilterDelegate next,
        string name,
        Func<HttpContext, Task> writeError,
        Func<HttpContext, int, Task> writeThrottled)
    {
        object? result = null;
        await RunAsync(invocation.HttpContext, async _ => result = await next(invocation).ConfigureAwait(false), name, writeError, writeThrottled).ConfigureAwait(false);
        return result ?? Results.Empty;
    }

    private static async Task RunAsync(HttpContext context, Func<HttpContext, Task> endpoint, string name, Func<HttpContext, Task> writeError, Func<HttpContext, int, Task> writeThrottled)
    {
        try
        {
            var limiter = context.RequestServices.GetRequiredService<SmartRateLimiter>();
            if (!limiter.Enabled)
            {
                await endpoint(context).ConfigureAwait(false);
                return;
            }

            var reader = context.RequestServices.GetRequiredService<OAuthRequestReader>();
            var read = HttpMethods.IsPost(context.Request.Method) ? await reader.ReadFormAsync(context).ConfigureAwait(false) : reader.ReadQuery(context);
            var clientId = SmartRateLimiter.ClaimedClientId(context, read.Parameters);
            if (await limiter.TryEnterAsync(context, clientId).ConfigureAwait(false) is { } retryAfter)
            {
                var seconds = (int)Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 1, int.MaxValue);
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<SmartRateLimiter>();
                Log.RequestThrottled(logger, name, LogValue.Sanitize(clientId), seconds);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                NoStoreHeaders.Apply(context.Response);
                await writeThrottled(context, seconds).ConfigureAwait(false);
                return;
            }

            await endpoint(context).ConfigureAwait(false);
            await limiter.ExitAsync(context, clientId).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception exception) when (exception is not SmartStoreUnavailableException)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SmartEndpointGuard));
            Log.EndpointFailed(logger, name, exception);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            NoStoreHeaders.Apply(context.Response);
            await writeError(context).ConfigureAwait(false);
        }
    }

    private static Task WriteJsonAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync($$"""{"error":"{{OAuthErrorCodes.ServerError}}","error_description":"{{Description}}"}""", context.RequestAborted);
    }

    private static Task WriteJsonThrottledAsync(HttpContext context, int seconds)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(
            $$"""{"error":"{{OAuthErrorCodes.TemporarilyUnavailable}}","error_description":"{{SmartErrors.Server.Throttled.Create(seconds).Description}}"}""",
            context.RequestAborted);
    }

    private static Task WriteHtmlThrottledAsync(HttpContext context, int seconds)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        return response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many requests</title></head>"
            + "<body><h1>Too many requests</h1><p>Wait " + seconds.ToString(CultureInfo.InvariantCulture) + " seconds, then start the app again.</p>"
            + "<p>Error: <code>" + OAuthErrorCodes.TemporarilyUnavailable + "</code></p></body></html>",
            context.RequestAborted);
    }

    private static Task WriteHtmlAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        return response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorization error</title></head>"
            + "<body><h1>This app could not be authorized</h1><p>" + HtmlEncoder.Default.Encode(Description) + "</p>"
            + "<p>Error: <code>" + OAuthErrorCodes.ServerError + "</code></p><p>Close this window and try again later.</p></body></html>",
            context.RequestAborted);
    }
}
