using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Smart.AspNetCore.Endpoints.Revocation;

/// <summary><c>POST {fhir}/auth/revoke</c>.</summary>
internal static class RevocationEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<RevocationRequestHandler>().HandleAsync(context);
}
