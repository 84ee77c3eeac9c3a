using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.Protocol;

/// <summary>Responses carrying codes, tokens or errors about them are never cached (TOKEN-8, SEC-9).</summary>
internal static class NoStoreHeaders
{
    public static void Apply(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
