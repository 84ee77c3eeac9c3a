using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Smart.AspNetCore.Endpoints.Discovery;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.Endpoints.Jwks;

/// <summary><c>GET {fhir}/.well-known/jwks.json</c>: the public keys, active and retired, each with its <c>kid</c> (OIDC-5).</summary>
internal static class JwksEndpoint
{
    public static Task HandleAsync(HttpContext context)
    {
        var ring = context.RequestServices.GetRequiredService<SigningKeyRing>();
        return DiscoveryEndpoints.WriteDocumentAsync(context, ring.JwksUtf8, DiscoveryEndpoints.JsonContentType);
    }
}
