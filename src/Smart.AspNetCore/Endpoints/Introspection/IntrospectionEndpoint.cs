using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Smart.AspNetCore.Endpoints.Introspection;

/// <summary><c>POST {fhir}/auth/introspect</c>.</summary>
internal static class IntrospectionEndpoint
{
    public static Task HandleAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<IntrospectionRequestHandler>().HandleAsync(context);
}
