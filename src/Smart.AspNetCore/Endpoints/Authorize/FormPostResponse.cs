using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Authorize;

/// <summary>
/// OAuth 2.0 Form Post Response Mode §2: the authorization response as an HTML page that posts the parameters to the
/// redirect URI at once. The only script is the one-line submit, allowed by a per-response CSP nonce; without script
/// a submit button does the same. The page is never cached (it holds a code) and sends no referrer.
/// </summary>
internal static class FormPostResponse
{
    public static Task WriteAsync(HttpContext context, string redirectUri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        NoStoreHeaders.Apply(response);
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";

        // The page may be shown inside the EHR's frame (an embedded app), so framing is not restricted here: it holds
        // nothing to click and only posts to the client's own registered redirect URI.
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; form-action {FormAction(redirectUri)}; base-uri 'none'";

        var html = HtmlEncoder.Default;
        var page = new StringBuilder(1024)
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Returning to the app</title>")
            .Append("<style nonce=\"").Append(nonce).Append("\">body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:40rem;padding:0 1rem;color:#1a1a1a;background:#fff}</style>")
            .Append("</head><body><form method=\"post\" action=\"").Append(html.Encode(redirectUri)).Append("\">");
        foreach (var (name, value) in parameters)
        {
            page.Append("<input type=\"hidden\" name=\"").Append(html.Encode(name)).Append("\" value=\"").Append(html.Encode(value)).Append("\">");
        }

        page.Append("<noscript><p>Script is turned off. Press the button to return to the app.</p></noscript>")
            .Append("<button type=\"submit\">Return to the app</button></form>")
            .Append("<script nonce=\"").Append(nonce).Append("\">document.forms[0].submit();</script></body></html>");
        return response.WriteAsync(page.ToString(), context.RequestAborted);
    }

    /// <summary>The CSP <c>form-action</c> source for the redirect URI: its origin (http/https) or its scheme.</summary>
    internal static string FormAction(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.GetLeftPart(UriPartial.Authority)
            : Uri.TryCreate(redirectUri, UriKind.Absolute, out var other) ? other.Scheme + ":" : "'none'";
}
