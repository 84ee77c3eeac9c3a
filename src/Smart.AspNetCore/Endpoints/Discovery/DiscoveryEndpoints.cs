using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Smart.AspNetCore.Discovery;

namespace Smart.AspNetCore.Endpoints.Discovery;

/// <summary>Request handlers of the discovery endpoints. They only write prepared bytes.</summary>
internal static class DiscoveryEndpoints
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string FhirJsonContentType = "application/fhir+json; charset=utf-8";

    /// <summary><c>GET {fhir}/.well-known/smart-configuration</c> (DISC-1, DISC-2).</summary>
    public static Task SmartConfigurationAsync(HttpContext context, DiscoveryDocuments documents, IOptions<SmartOnFhirOptions> options) =>
        WriteDocumentAsync(context, documents.SmartConfiguration, JsonContentType, options.Value.Discovery.CacheDuration);

    /// <summary><c>GET {fhir}/.well-known/openid-configuration</c> (OIDC-4).</summary>
    public static Task OpenIdConfigurationAsync(HttpContext context, DiscoveryDocuments documents, IOptions<SmartOnFhirOptions> options) =>
        WriteDocumentAsync(context, documents.OpenIdConfiguration, JsonContentType, options.Value.Discovery.CacheDuration);

    /// <summary>The opt-in minimal CapabilityStatement; the discovery middleware adds <c>rest.security</c> to it.</summary>
    public static Task CapabilityStatementAsync(HttpContext context, MinimalCapabilityStatement statement) =>
        WriteDocumentAsync(context, statement.Json, FhirJsonContentType, maxAge: null);

    /// <summary>Writes a prepared document; with <paramref name="maxAge"/>, it may be cached publicly that long.</summary>
    internal static Task WriteDocumentAsync(HttpContext context, ReadOnlyMemory<byte> body, string contentType, TimeSpan? maxAge)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (maxAge is { } age)
        {
            response.Headers.CacheControl = "public, max-age=" + ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
