using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Diagnostics;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>
/// <c>GET|POST {fhir}/auth/authorize</c> (AUTHZ-1): reads the parameters from the query string or the form body and
/// hands them to <see cref="AuthorizeRequestHandler"/>.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task HandleAsync(HttpContext context, AuthorizeRequestHandler handler, SmartOnFhirTelemetry telemetry)
    {
        var started = Stopwatch.GetTimestamp();
        await HandleCoreAsync(context, handler).ConfigureAwait(false);
        telemetry.AuthorizeDuration(Stopwatch.GetElapsedTime(started), context.Response.StatusCode);
    }

    private static async Task HandleCoreAsync(HttpContext context, AuthorizeRequestHandler handler)
    {
        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (!context.Request.HasFormContentType)
            {
                await AuthorizeResponses.ErrorPageAsync(context, SmartErrors.Authorize.PostNotForm.Create()).ConfigureAwait(false);
                return;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            await handler.HandleAsync(context, form, isPost: true).ConfigureAwait(false);
            return;
        }

        await handler.HandleAsync(context, context.Request.Query, isPost: false).ConfigureAwait(false);
    }
}
