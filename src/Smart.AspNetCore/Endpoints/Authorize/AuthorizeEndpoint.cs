using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>
/// <c>GET|POST {fhir}/auth/authorize</c> (AUTHZ-1): reads the parameters from the query string or the form body and
/// hands them to <see cref="AuthorizeRequestHandler"/>.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var handler = context.RequestServices.GetRequiredService<AuthorizeRequestHandler>();
        var reader = context.RequestServices.GetRequiredService<OAuthRequestReader>();
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
