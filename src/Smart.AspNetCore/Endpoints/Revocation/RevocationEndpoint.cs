using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.Endpoints.Revocation;

/// <summary><c>POST {fhir}/auth/revoke</c>.</summary>
internal static class RevocationEndpoint
{
    public static Task HandleAsync(HttpContext context, RevocationRequestHandler handler) => handler.HandleAsync(context);
}
