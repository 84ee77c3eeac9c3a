using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>The authorization endpoint's responses: redirects to the validated redirect URI, and the error page.</summary>
internal static class AuthorizeResponses
{
    /// <summary>
    /// AUTHZ-6: the code and the exact <c>state</c>, with <c>iss</c> (RFC 9207 §2), as a 302 to the redirect URI or, for
    /// <c>response_mode=form_post</c>, an auto-submitting form.
    /// </summary>
    public static Task RedirectWithCodeAsync(HttpContext context, AuthorizeRequest request, string issuer, string code) =>
        RespondAsync(context, request, new Dictionary<string, string?>
        {
            [OAuthParameters.Code] = code,
            [OAuthParameters.State] = request.State,
            [OAuthParameters.Iss] = issuer,
        });

    /// <summary>AUTHZ-5: to the (already validated) redirect URI with <c>error</c>, description, <c>state</c> and <c>iss</c> (RFC 9207 §2).</summary>
    public static Task RedirectWithErrorAsync(HttpContext context, AuthorizeRequest request, string issuer, OAuthError error) =>
        RespondAsync(context, request, new Dictionary<string, string?>
        {
            [OAuthParameters.Error] = error.Error,
            [OAuthParameters.ErrorDescription] = error.Description,
            [OAuthParameters.State] = request.State,
            [OAuthParameters.Iss] = issuer,
        });

    /// <summary>AUTHZ-4: a bad client or redirect URI is shown to the user and never redirected.</summary>
    public static Task ErrorPageAsync(HttpContext context, OAuthError error)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "text/html; charset=utf-8";
        SetNoStore(response);
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        var html = HtmlEncoder.Default;
        return response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorization error</title>"
            + "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:.1rem .3rem}</style></head>"
            + "<body><h1>This app could not be authorized</h1>"
            + $"<p>{html.Encode(error.Description)}</p><p>Error: <code>{html.Encode(error.Error)}</code></p>"
            + "<p>Close this window and start the app again. If the problem persists, contact the app's developer.</p></body></html>",
            context.RequestAborted);
    }

    public static void SetNoStore(HttpResponse response) => NoStoreHeaders.Apply(response);

    private static Task RespondAsync(HttpContext context, AuthorizeRequest request, Dictionary<string, string?> parameters)
    {
        var values = parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!)).ToList();
        var redirectUri = request.RedirectUri!;
        if (AuthorizeResponseModes.UsesFormPost(request.ResponseMode))
        {
            return FormPostResponse.WriteAsync(context, redirectUri, values);
        }

        SetNoStore(context.Response);
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = QueryHelpers.AddQueryString(redirectUri, values!);
        return Task.CompletedTask;
    }
}
