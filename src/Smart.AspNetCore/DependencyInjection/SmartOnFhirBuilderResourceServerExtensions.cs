using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.DependencyInjection;
using Smart.AspNetCore.ResourceServer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the SMART resource server: protection of the host's FHIR API with the access tokens this server issues.</summary>
public static class SmartOnFhirBuilderResourceServerExtensions
{
    /// <summary>
    /// Adds the <c>SmartOnFhir</c> JWT bearer scheme (<see cref="SmartResourceServerDefaults.AccessTokenScheme"/>) that
    /// validates the access tokens this server issues — issuer and audience = the FHIR base URL (RS-2), signature by any
    /// published key including retired ones, lifetime with <see cref="SmartResourceServerOptions.ClockSkew"/>, header
    /// <c>typ</c> = <c>at+jwt</c> (RFC 9068) — with RFC 6750 challenges (RS-3, RS-4), and the <c>SmartOnFhir</c>
    /// authorization policy used by <c>RequireSmartAuthorization()</c>. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The SMART on FHIR builder.</param>
    /// <param name="configure">Optional configuration of <see cref="SmartResourceServerOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static SmartOnFhirBuilder AddResourceServer(this SmartOnFhirBuilder builder, Action<SmartResourceServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<SmartResourceServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!services.Any(d => d.ServiceType == typeof(ConfigureSmartJwtBearerOptions)))
        {
            options.ValidateOnStart();
            services.AddSingleton<AccessTokenValidationCache>();
            services.AddSingleton<ConfigureSmartJwtBearerOptions>();
            services.AddSingleton<IConfigureOptions<JwtBearerOptions>>(sp => sp.GetRequiredService<ConfigureSmartJwtBearerOptions>());
            services.AddAuthentication().AddJwtBearer(SmartResourceServerDefaults.AccessTokenScheme, displayName: "SMART on FHIR access token", _ => { });
            services.AddAuthorizationBuilder().AddPolicy(SmartResourceServerDefaults.PolicyName, policy => policy
                .AddAuthenticationSchemes(SmartResourceServerDefaults.AccessTokenScheme)
                .AddRequirements(SmartScopeRequirement.Instance));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmartResourceServerOptions>, SmartResourceServerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, SmartScopeAuthorizationHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, SmartFhirCorsStartupFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, FhirBasePathCheck>());
        return builder;
    }
}
