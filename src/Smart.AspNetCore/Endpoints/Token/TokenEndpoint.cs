using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary><c>POST {fhir}/auth/token</c> and its CORS preflight.</summary>
internal static class TokenEndpoint
{
    public static Task HandleAsync(HttpContext context, TokenRequestHandler handler) => handler.HandleAsync(context);

    public static Task HandlePreflightAsync(HttpContext context, TokenRequestHandler handler) => handler.HandlePreflightAsync(context);
}
