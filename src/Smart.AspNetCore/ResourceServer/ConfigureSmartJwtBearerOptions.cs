using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Discovery;
using Microsoft.Extensions.Logging;
using Smart.AspNetCore.Audit;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Configures the <c>SmartOnFhir</c> JWT bearer scheme from the one access-token definition
/// (<see cref="AccessTokenDefinition"/>), resolved lazily from DI: issuer and audience are the FHIR base URL (RS-2), keys
/// are every published key including retired ones, <c>typ</c> must be <c>at+jwt</c> (RFC 9068), tokens must be signed
/// with a configured algorithm, lifetime is required and checked against the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ConfigureSmartJwtBearerOptions(
    SmartServerMetadata metadata,
    AccessTokenDefinition accessTokens,
    IOptions<SmartResourceServerOptions> options,
    SmartAuditDispatcher audit,
    ILoggerFactory loggerFactory,
    AccessTokenValidationCache tokenCache) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions bearer)
    {
        if (!string.Equals(name, SmartResourceServerDefaults.AccessTokenScheme, StringComparison.Ordinal))
        {
            return;
        }

        bearer.MapInboundClaims = false;
        bearer.SaveToken = false;
        bearer.IncludeErrorDetails = true;
        bearer.Challenge = "Bearer";
        var parameters = accessTokens.CreateValidationParameters(options.Value.ClockSkew);
        parameters.AuthenticationType = SmartResourceServerDefaults.AccessTokenScheme;
        parameters.NameClaimType = "sub";
        parameters.RoleClaimType = "role";
        bearer.TokenValidationParameters = parameters;
        if (tokenCache.Enabled)
        {
            // The validated-token cache replaces the default JsonWebTokenHandler (and only that one).
            for (var i = 0; i < bearer.TokenHandlers.Count; i++)
            {
                if (bearer.TokenHandlers[i] is Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler handler && handler.GetType() == typeof(Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler))
                {
                    bearer.TokenHandlers[i] = new CachingJsonWebTokenHandler(tokenCache) { MapInboundClaims = handler.MapInboundClaims, MaximumTokenSizeInBytes = handler.MaximumTokenSizeInBytes };
                }
            }
        }

        bearer.Events = new SmartBearerEvents(metadata.Issuer, metadata.BasePath, accessTokens, audit, loggerFactory.CreateLogger("Smart.AspNetCore.ResourceServer"));
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
