using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.Endpoints.Introspection;

/// <summary><c>POST {fhir}/auth/introspect</c>.</summary>
internal static class IntrospectionEndpoint
{
    public static Task HandleAsync(HttpContext context, IntrospectionRequestHandler handler) => handler.HandleAsync(context);
}
