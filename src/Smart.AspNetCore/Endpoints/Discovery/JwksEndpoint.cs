using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Endpoints.Discovery;

/// <summary><c>GET {fhir}/.well-known/jwks.json</c>: the public keys, active and retired, each with its <c>kid</c> (OIDC-5).</summary>
internal static class JwksEndpoint
{
    public static Task HandleAsync(HttpContext context, SigningKeyRing ring, IOptions<SmartOnFhirOptions> options) =>
        DiscoveryEndpoints.WriteDocumentAsync(context, ring.JwksUtf8, DiscoveryEndpoints.JsonContentType, options.Value.Discovery.CacheDuration);
}
