using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Smart.AspNetCore;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Endpoints.Authorize;
using Smart.AspNetCore.Endpoints.Discovery;
using Smart.AspNetCore.Endpoints.Introspection;
using Smart.AspNetCore.Endpoints.Revocation;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Smart.AspNetCore endpoints.</summary>
public static class SmartOnFhirEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the SMART endpoints under the path of <see cref="SmartOnFhirOptions.FhirBaseUrl"/>:
    /// <c>.well-known/smart-configuration</c>, <c>.well-known/openid-configuration</c> (when OpenID Connect is
    /// offered), the JWKS, the OAuth endpoints (authorize, token, revocation, introspection), and (opt-in) a minimal <c>metadata</c>.
    /// </summary>
    /// <param name="endpoints">The route builder (usually the <c>WebApplication</c>).</param>
    /// <returns>A builder for conventions applied to every SMART endpoint (rate limiting, host filtering, ...).</returns>
    public static IEndpointConventionBuilder MapSmartOnFhir(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetService<DiscoveryDocuments>() is null)
        {
            throw new InvalidOperationException("Call builder.Services.AddSmartOnFhir(...) before app.MapSmartOnFhir().");
        }

        var options = services.GetRequiredService<IOptions<SmartOnFhirOptions>>().Value;
        var metadata = services.GetRequiredService<SmartServerMetadata>();

        var group = endpoints.MapGroup(metadata.BasePath.Length == 0 ? "/" : metadata.BasePath);
        group.WithTags("SMART on FHIR");
        var authorizePath = (metadata.BasePath + "/" + options.Endpoints.AuthorizationPath.TrimStart('/')).Replace("//", "/", StringComparison.Ordinal);
        ((IEndpointConventionBuilder)group).Add(endpoint => SmartStoreUnavailableConvention.Apply(endpoint, authorizePath));

        group.MapMethods("/" + SmartOnFhirDefaults.SmartConfigurationPath, [HttpMethods.Get, HttpMethods.Head], DiscoveryEndpoints.SmartConfigurationAsync)
            .WithDisplayName("SMART configuration");
        group.MapMethods("/" + options.Endpoints.JwksPath.TrimStart('/'), [HttpMethods.Get, HttpMethods.Head], JwksEndpoint.HandleAsync)
            .WithDisplayName("SMART JWKS");

        group.MapMethods("/" + options.Endpoints.AuthorizationPath.TrimStart('/'), [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.HandleAsync)
            .WithHtmlGuard("authorization endpoint")
            .WithDisplayName("SMART authorization endpoint")
            .DisableAntiforgery();
        group.MapPost("/" + options.Endpoints.TokenPath.TrimStart('/'), TokenEndpoint.HandleAsync)
            .WithJsonGuard("token endpoint")
            .WithDisplayName("SMART token endpoint")
            .DisableAntiforgery();
        group.MapMethods("/" + options.Endpoints.TokenPath.TrimStart('/'), [HttpMethods.Options], TokenEndpoint.HandlePreflightAsync)
            .WithDisplayName("SMART token endpoint (CORS preflight)");

        group.MapPost("/" + options.Endpoints.RevocationPath.TrimStart('/'), RevocationEndpoint.HandleAsync)
            .WithJsonGuard("revocation endpoint")
            .WithDisplayName("SMART token revocation endpoint")
            .DisableAntiforgery();
        group.MapPost("/" + options.Endpoints.IntrospectionPath.TrimStart('/'), IntrospectionEndpoint.HandleAsync)
            .WithJsonGuard("introspection endpoint")
            .WithDisplayName("SMART token introspection endpoint")
            .DisableAntiforgery();

        if (metadata.SupportsOpenIdConnect)
        {
            group.MapMethods("/" + SmartOnFhirDefaults.OpenIdConfigurationPath, [HttpMethods.Get, HttpMethods.Head], DiscoveryEndpoints.OpenIdConfigurationAsync)
                .WithDisplayName("OpenID Connect configuration");
        }

        if (options.Discovery.MapCapabilityStatement)
        {
            group.MapMethods("/" + SmartOnFhirDefaults.MetadataPath, [HttpMethods.Get, HttpMethods.Head], DiscoveryEndpoints.CapabilityStatementAsync)
                .WithDisplayName("FHIR CapabilityStatement (minimal)");
        }

        // Opt-in (AddDefaultInteractionPages): the library's consent and patient-picker pages, outside the FHIR base.
        Smart.AspNetCore.Endpoints.DefaultPages.DefaultInteractionPages.MapIfEnabled(endpoints, options);
        return group;
    }
}
