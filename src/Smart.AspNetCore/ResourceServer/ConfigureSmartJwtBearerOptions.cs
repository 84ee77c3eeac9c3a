using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Configures the <c>SmartOnFhir</c> JWT bearer scheme from the server metadata and signing keys, resolved lazily from DI:
/// issuer and audience are the FHIR base URL (RS-2), keys are every published key including retired ones, <c>typ</c>
/// must be <c>at+jwt</c> (RFC 9068), tokens must be signed with a configured algorithm, lifetime is required and checked
/// against the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ConfigureSmartJwtBearerOptions(
    SmartServerMetadata metadata,
    SigningKeyRing keys,
    IOptions<SmartResourceServerOptions> options,
    TimeProvider timeProvider) : IConfigureNamedOptions<JwtBearerOptions>
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
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = metadata.Issuer,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            IssuerSigningKeys = keys.ValidationKeys,
            ValidAlgorithms = [.. keys.Keys.Select(k => k.Algorithm).Distinct(StringComparer.Ordinal)],
            ValidTypes = ["at+jwt"],
            ClockSkew = options.Value.ClockSkew,
            LifetimeValidator = ValidateLifetime,
            AuthenticationType = SmartResourceServerDefaults.AccessTokenScheme,
            NameClaimType = "sub",
            RoleClaimType = "role",
        };
        bearer.Events = new SmartBearerEvents(metadata.Issuer);
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    /// <summary>TOKEN-9, RS-1: <c>exp</c> and <c>nbf</c> against the injected clock, with the configured skew.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var skew = parameters.ClockSkew;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The access token has no expiry.");
        }

        if (notBefore is { } nbf && nbf > now + skew)
        {
            throw new SecurityTokenNotYetValidException("The access token is not yet valid.") { NotBefore = nbf };
        }

        if (exp <= now - skew)
        {
            throw new SecurityTokenExpiredException("The access token expired.") { Expires = exp };
        }

        return true;
    }
}
