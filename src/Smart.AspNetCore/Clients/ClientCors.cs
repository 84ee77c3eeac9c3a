using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.Clients;

/// <summary>
/// CORS for a known client: the request's origin is allowed when it is one of the client's
/// <see cref="SmartClient.AllowedCorsOrigins"/> or of <see cref="SmartCorsOptions.AdditionalAllowedOrigins"/>
/// (TOKEN-13 at the token endpoint, RS-10 at the FHIR API). Applied through ASP.NET Core's CORS service.
/// </summary>
internal static class ClientCors
{
    public static void Apply(ICorsService cors, HttpContext context, SmartClient? client, IEnumerable<string> additionalOrigins, Action<CorsPolicyBuilder> configure)
    {
        var origins = (client?.AllowedCorsOrigins ?? []).Concat(additionalOrigins).ToArray();
        if (origins.Length == 0)
        {
            return;
        }

        var builder = new CorsPolicyBuilder().WithOrigins(origins);
        configure(builder);
        cors.ApplyResult(cors.EvaluatePolicy(context, builder.Build()), context.Response);
    }
}
