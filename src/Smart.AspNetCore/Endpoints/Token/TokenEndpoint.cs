using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary><c>POST {fhir}/auth/token</c> and its CORS preflight.</summary>
internal static class TokenEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<TokenRequestHandler>().HandleAsync(context);

    public static Task HandlePreflightAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<TokenRequestHandler>().HandlePreflightAsync(context);
}
