using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Signing;

namespace Smart.AspNetCore.DependencyInjection;

/// <summary>
/// Validates <see cref="SmartOnFhirOptions"/> at start-up and reports every problem at once, each with the
/// configuration key and the fix.
/// </summary>
internal sealed class SmartOnFhirOptionsValidator(IHostEnvironment environment) : IValidateOptions<SmartOnFhirOptions>
{
    private const string Section = SmartOnFhirDefaults.ConfigurationSection;

    public ValidateOptionsResult Validate(string? name, SmartOnFhirOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        ValidateBaseUrl(options, errors);
        ValidateEndpoints(options.Endpoints, options.RequireHttps, errors);
        ValidateLifetimes(options.Lifetimes, errors);
        ValidateDiscovery(options.Discovery, errors);
        ValidateCors(options.Cors, errors);

        foreach (var problem in SigningKeyValidation.Validate(options.Signing, environment.ContentRootPath))
        {
            errors.Add(problem);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateBaseUrl(SmartOnFhirOptions options, List<string> errors)
    {
        var url = options.FhirBaseUrl;
        if (url is null)
        {
            errors.Add($"{Section}:FhirBaseUrl is required: set it to the public absolute URL of the FHIR base, for example https://ehr.example.org/fhir.");
            return;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{Section}:FhirBaseUrl must be an absolute http(s) URL; '{url}' is not.");
            return;
        }

        if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add($"{Section}:FhirBaseUrl must not contain a query, fragment or user info.");
        }

        if (url.AbsolutePath.Length > 1 && url.AbsolutePath.EndsWith('/'))
        {
            errors.Add($"{Section}:FhirBaseUrl must not end with '/': apps compare 'iss' and 'aud' with it as exact strings (AUTHZ-15). Use '{url.AbsoluteUri.TrimEnd('/')}'.");
        }

        if (url.Scheme == Uri.UriSchemeHttp)
        {
            if (options.RequireHttps)
            {
                errors.Add($"{Section}:FhirBaseUrl uses plain HTTP while {Section}:RequireHttps is true. Use HTTPS, or (local development on a loopback host only) set RequireHttps to false.");
            }
            else if (!SmartClientValidator.IsLoopbackHost(url))
            {
                errors.Add($"{Section}:FhirBaseUrl uses plain HTTP on '{url.Host}'. Plain HTTP is only allowed on loopback hosts (localhost, 127.0.0.1, [::1]) with RequireHttps=false; use HTTPS (SEC-1).");
            }
        }
    }

    private static void ValidateEndpoints(SmartEndpointOptions endpoints, bool requireHttps, List<string> errors)
    {
        CheckPath(endpoints.AuthorizationPath, "AuthorizationPath");
        CheckPath(endpoints.TokenPath, "TokenPath");
        CheckPath(endpoints.JwksPath, "JwksPath");
        CheckPath(endpoints.IntrospectionPath, "IntrospectionPath");
        CheckPath(endpoints.RevocationPath, "RevocationPath");

        var paths = new[] { endpoints.AuthorizationPath, endpoints.TokenPath, endpoints.JwksPath, endpoints.IntrospectionPath, endpoints.RevocationPath, SmartOnFhirDefaults.SmartConfigurationPath, SmartOnFhirDefaults.OpenIdConfigurationPath, SmartOnFhirDefaults.MetadataPath };
        if (paths.Select(p => p?.Trim('/')).Distinct(StringComparer.OrdinalIgnoreCase).Count() != paths.Length)
        {
            errors.Add($"{Section}:Endpoints: every endpoint needs its own path.");
        }

        if (endpoints.ManagementEndpoint is { } management
            && (!management.IsAbsoluteUri || (requireHttps && management.Scheme != Uri.UriSchemeHttps && !SmartClientValidator.IsLoopbackHttp(management))))
        {
            errors.Add($"{Section}:Endpoints:ManagementEndpoint must be an absolute HTTPS URL.");
        }

        void CheckPath(string? path, string key)
        {
            if (string.IsNullOrWhiteSpace(path) || path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal)
                || path.Contains("..", StringComparison.Ordinal) || Uri.TryCreate(path, UriKind.Absolute, out _) && !path.StartsWith('/'))
            {
                errors.Add($"{Section}:Endpoints:{key} must be a path relative to the FHIR base, such as '{key switch { "TokenPath" => SmartOnFhirDefaults.TokenPath, "JwksPath" => SmartOnFhirDefaults.JwksPath, "IntrospectionPath" => SmartOnFhirDefaults.IntrospectionPath, "RevocationPath" => SmartOnFhirDefaults.RevocationPath, _ => SmartOnFhirDefaults.AuthorizationPath }}'.");
            }
        }
    }

    private static void ValidateLifetimes(SmartLifetimeOptions lifetimes, List<string> errors)
    {
        Check(lifetimes.AuthorizationCode, TimeSpan.FromMinutes(10), "AuthorizationCode", "at most 10 minutes (RFC 6749 §4.1.2; the IG expects about one minute)");
        Check(lifetimes.AccessToken, TimeSpan.FromHours(1), "AccessToken", "at most 1 hour (TOKEN-9); give longer lifetimes to specific confidential clients with SmartClient.AccessTokenLifetime");
        Check(lifetimes.BackendAccessToken, TimeSpan.FromHours(1), "BackendAccessToken", "at most 1 hour (TOKEN-9); SMART Backend Services recommends 5 minutes (BACKEND-4)");
        Check(lifetimes.IdToken, TimeSpan.FromHours(24), "IdToken", "at most 24 hours");
        Check(lifetimes.LaunchContext, TimeSpan.FromHours(1), "LaunchContext", "at most 1 hour (launch handles are short-lived, SEC-5)");
        Check(lifetimes.PendingAuthorization, TimeSpan.FromHours(1), "PendingAuthorization", "at most 1 hour");
        Check(lifetimes.OfflineRefreshToken, TimeSpan.FromDays(3650), "OfflineRefreshToken", "at most 10 years");
        Check(lifetimes.OnlineRefreshToken, TimeSpan.FromDays(30), "OnlineRefreshToken", "at most 30 days");
        Check(lifetimes.RememberedConsent, TimeSpan.FromDays(3650), "RememberedConsent", "at most 10 years");

        void Check(TimeSpan value, TimeSpan max, string key, string rule)
        {
            if (value <= TimeSpan.Zero || value > max)
            {
                errors.Add($"{Section}:Lifetimes:{key} is {value}; it must be positive and {rule}.");
            }
        }
    }

    private static void ValidateDiscovery(SmartDiscoveryOptions discovery, List<string> errors)
    {
        foreach (var scope in discovery.ScopesSupported)
        {
            if (!Scopes.SmartScope.TryParse(scope, out _))
            {
                errors.Add($"{Section}:Discovery:ScopesSupported contains '{scope}', which is not a valid SMART scope.");
            }
        }

        foreach (var capability in discovery.AdditionalCapabilities)
        {
            if (string.IsNullOrWhiteSpace(capability) || capability.Contains(' ', StringComparison.Ordinal))
            {
                errors.Add($"{Section}:Discovery:AdditionalCapabilities contains an empty or blank capability.");
            }
            else if (!SmartCapabilities.IsHl7Defined(capability) && !Uri.TryCreate(capability, UriKind.Absolute, out _))
            {
                errors.Add($"{Section}:Discovery:AdditionalCapabilities contains '{capability}': capabilities not defined by HL7 must be absolute URIs (DISC-10).");
            }
        }

        if (discovery.CacheDuration < TimeSpan.Zero || discovery.CacheDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"{Section}:Discovery:CacheDuration must be between 0 and 1 day.");
        }
    }

    private static void ValidateCors(SmartCorsOptions cors, List<string> errors)
    {
        foreach (var origin in cors.AdditionalAllowedOrigins)
        {
            if (!SmartClientValidator.IsOrigin(origin))
            {
                errors.Add($"{Section}:Cors:AdditionalAllowedOrigins contains '{origin}', which is not an origin (scheme://host[:port], no path or trailing slash).");
            }
        }

        if (cors.PreflightMaxAge < TimeSpan.Zero || cors.PreflightMaxAge > TimeSpan.FromDays(1))
        {
            errors.Add($"{Section}:Cors:PreflightMaxAge must be between 0 and 1 day.");
        }
    }
}
