using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Framing;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.DefaultPages;

/// <summary>
/// The HTML of the default pages: plain, accessible (one <c>h1</c>, <c>lang</c>, every control labelled, fieldsets
/// with legends, document focus order, a visible focus ring, text contrast of at least 7:1, nothing told by colour
/// alone), no script, a style allowed by a CSP nonce, never cached, framed only by the same origin and the origins of
/// <c>Smart:Framing:AllowedAncestors</c>.
/// </summary>
internal static class DefaultPageHtml
{
    // #1a1a1a on #fff is 17.4:1; #fff on #0b4f8a (the primary button) is 8.4:1; #555 on #fff is 7.5:1.
    private const string Style =
        "body{font-family:system-ui,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#fff;max-width:40rem;margin:2rem auto;padding:0 1rem}"
        + "h1{font-size:1.5rem}fieldset{border:1px solid #555;padding:1rem;margin:1rem 0}legend{font-weight:600}"
        + "label{display:block;padding:.25rem 0}.note{color:#555}.tag{border:1px solid #1a1a1a;border-radius:.25rem;padding:0 .3rem;font-size:.85rem}.error{border-left:4px solid #a00;padding-left:.75rem;font-weight:600}"
        + "button{font:inherit;padding:.5rem 1.25rem;margin:.5rem .5rem 0 0;border:2px solid #0b4f8a;border-radius:4px;cursor:pointer}"
        + ".primary{background:#0b4f8a;color:#fff}.secondary{background:#fff;color:#0b4f8a}"
        + ":focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}";

    private static readonly HtmlEncoder s_html = HtmlEncoder.Default;

    public static string Encode(string value) => s_html.Encode(value);

    /// <summary>
    /// Writes a page. Framing follows <c>Smart:Framing:AllowedAncestors</c>, the same rule the framing middleware applies
    /// to every page that grants access: <c>frame-ancestors 'self' [origins]</c>, and <c>X-Frame-Options: SAMEORIGIN</c>
    /// when no other origin is allowed.
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, SmartDefaultPagesOptions options, string title, Action<StringBuilder> body)
    {
        var allowedAncestors = context.RequestServices.GetRequiredService<IOptions<SmartOnFhirOptions>>().Value.Framing.AllowedAncestors;
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        NoStoreHeaders.Apply(response);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (allowedAncestors.Count == 0)
        {
            response.Headers.XFrameOptions = "SAMEORIGIN";
        }
        else
        {
            // Antiforgery adds SAMEORIGIN when it issues the form token; it cannot name the allowed origins and would
            // block them in browsers that ignore frame-ancestors.
            response.Headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.XFrameOptions);
        }

        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'; base-uri 'none'; {SmartFramingPolicy.FrameAncestors(allowedAncestors)}";

        var page = new StringBuilder(2048)
            .Append("<!DOCTYPE html><html lang=\"").Append(Encode(options.Strings.Language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(Encode(title)).Append("</title>")
            .Append("<style nonce=\"").Append(nonce).Append("\">").Append(Style).Append("</style></head><body><main>");
        body(page);
        page.Append("</main></body></html>");
        return response.WriteAsync(page.ToString(), context.RequestAborted);
    }

    public static void AppendHidden(StringBuilder page, string name, string value) =>
        page.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");

    public static void AppendAntiforgery(StringBuilder page, AntiforgeryTokenSet tokens)
    {
        if (tokens.FormFieldName is { } name && tokens.RequestToken is { } token)
        {
            AppendHidden(page, name, token);
        }
    }

    public static string Format(string template, string value) => string.Format(CultureInfo.CurrentCulture, template, value);
}
