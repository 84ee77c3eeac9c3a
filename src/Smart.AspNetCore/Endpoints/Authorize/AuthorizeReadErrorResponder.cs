using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Logging;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>
/// Answers an authorization request that could not be read within the request limits. The AuthorizeResponses rules
/// hold: the error is redirected (with <c>state</c>) only when the rest of the request was read, the offending value is
/// not <c>client_id</c>, <c>redirect_uri</c> or <c>state</c>, and the client and its exact redirect URI are valid
/// (AUTHZ-4, AUTHZ-5); otherwise the error page is shown.
/// </summary>
internal static class AuthorizeReadErrorResponder
{
    public static async Task RespondAsync(HttpContext context, OAuthRequestReadResult read)
    {
        var error = read.Error!;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthorizeEndpoint));
        if (read.FailedParameter is not null and not (OAuthParameters.ClientId or OAuthParameters.RedirectUri or OAuthParameters.State or OAuthParameters.RequestId))
        {
            var request = AuthorizeRequestParser.Parse(read.Parameters);
            var clients = context.RequestServices.GetRequiredService<IClientRegistry>();
            var client = request.ClientId is null ? null : await clients.FindByIdAsync(request.ClientId, context.RequestAborted).ConfigureAwait(false);
            if (AuthorizeRequestValidator.ValidateClientAndRedirectUri(request, client) is null && request.RepeatedParameter is null)
            {
                Log.AuthorizeRequestRefused(logger, LogValue.Sanitize(client!.ClientId), error.Id, error.Error, LogValue.Description(error.Description));
                var issuer = context.RequestServices.GetRequiredService<SmartServerMetadata>().Issuer;
                await AuthorizeResponses.RedirectWithErrorAsync(context, request with { ResponseMode = null }, issuer, error).ConfigureAwait(false);
                return;
            }
        }

        Log.AuthorizeRequestRefused(logger, "(unread)", error.Id, error.Error, LogValue.Description(error.Description));
        await AuthorizeResponses.ErrorPageAsync(context, error).ConfigureAwait(false);
    }
}
