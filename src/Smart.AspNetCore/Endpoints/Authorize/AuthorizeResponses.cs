using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>The authorization endpoint's responses: redirects to the validated redirect URI, and the error page.</summary>
internal static class AuthorizeResponses
{
    /// <summary>AUTHZ-6: 302 to the redirect URI with <c>code</c> and the exact <c>state</c>.</summary>
    public static void RedirectWithCode(HttpContext context, string redirectUri, string code, string? state) =>
        Redirect(context, redirectUri, new Dictionary<string, string?>
        {
            [OAuthParameters.Code] = code,
            [OAuthParameters.State] = state,
        });

    /// <summary>AUTHZ-5: 302 to the (already validated) redirect URI with <c>error</c>, description and <c>state</c>.</summary>
    public static void RedirectWithError(HttpContext context, string redirectUri, OAuthError error, string? state) =>
        Redirect(context, redirectUri, new Dictionary<string, string?>
        {
            [OAuthParameters.Error] = error.Error,
            [OAuthParameters.ErrorDescription] = error.Description,
            [OAuthParameters.State] = state,
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

    private static void Redirect(HttpContext context, string redirectUri, Dictionary<string, string?> parameters)
    {
        var values = parameters.Where(p => p.Value is not null);
        SetNoStore(context.Response);
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = QueryHelpers.AddQueryString(redirectUri, values);
    }
}
