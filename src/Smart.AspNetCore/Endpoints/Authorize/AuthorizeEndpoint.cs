using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Diagnostics;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Requests;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>
/// <c>GET|POST {fhir}/auth/authorize</c> (AUTHZ-1): reads the parameters from the query string or the form body with
/// the one request reader and hands them to <see cref="AuthorizeRequestHandler"/>.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task HandleAsync(HttpContext context, AuthorizeRequestHandler handler, OAuthRequestReader reader, SmartOnFhirTelemetry telemetry)
    {
        var started = Stopwatch.GetTimestamp();
        await HandleCoreAsync(context, handler, reader).ConfigureAwait(false);
        telemetry.AuthorizeDuration(Stopwatch.GetElapsedTime(started), context.Response.StatusCode);
    }

    private static async Task HandleCoreAsync(HttpContext context, AuthorizeRequestHandler handler, OAuthRequestReader reader)
    {
        var isPost = HttpMethods.IsPost(context.Request.Method);
        var read = isPost ? await reader.ReadFormAsync(context).ConfigureAwait(false) : reader.ReadQuery(context);
        if (!read.Succeeded)
        {
            await AuthorizeReadErrorResponder.RespondAsync(context, read).ConfigureAwait(false);
            return;
        }

        await handler.HandleAsync(context, read.Parameters, isPost).ConfigureAwait(false);
    }
}
