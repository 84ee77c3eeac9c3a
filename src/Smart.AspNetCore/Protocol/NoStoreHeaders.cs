using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Smart.AspNetCore.Protocol;

/// <summary>Responses carrying codes, tokens or errors about them are never cached (TOKEN-8, SEC-9).</summary>
internal static class NoStoreHeaders
{
    public static void Apply(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    /// <summary>No-store plus <c>X-Content-Type-Options: nosniff</c>, for JSON answers of the OAuth endpoints.</summary>
    public static void ApplyJson(HttpResponse response)
    {
        Apply(response);
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
    }
}
