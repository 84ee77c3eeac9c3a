using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Smart.AspNetCore.DependencyInjection;

/// <summary>
/// Adds the fix to the "no signing key" failure for the two mistakes seen in practice: no keys in Development without
/// <c>AddDevelopmentSigningKeys()</c> (suggests it), and <c>AddDevelopmentSigningKeys()</c> outside Development (says
/// development keys are ignored there). Reported with every other option problem (see <see cref="SmartOnFhirOptionsValidator"/>).
/// </summary>
internal sealed class DevelopmentSigningKeysValidator(IHostEnvironment environment, IEnumerable<DevelopmentSigningKeysSetup> setups)
    : IValidateOptions<SmartOnFhirOptions>
{
    private const string Keys = SmartOnFhirDefaults.ConfigurationSection + ":Signing:Keys";

    public ValidateOptionsResult Validate(string? name, SmartOnFhirOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Signing.Keys.Count > 0)
        {
            return ValidateOptionsResult.Success;
        }

        var registered = setups.Any();
        if (environment.IsDevelopment() && !registered)
        {
            return ValidateOptionsResult.Fail(
                $"{Keys} is empty. For development, call AddDevelopmentSigningKeys() on the builder AddSmartOnFhir() returns "
                + "(builder.Services.AddSmartOnFhir(...).AddDevelopmentSigningKeys()) to generate keys and keep them across restarts, "
                + $"or configure keys in {Keys} (PEM, JWK or X.509; see docs/configuration.md).");
        }

        if (!environment.IsDevelopment() && registered)
        {
            return ValidateOptionsResult.Fail(
                $"{Keys} is empty, and AddDevelopmentSigningKeys() is ignored outside the Development environment (this one is "
                + $"'{environment.EnvironmentName}'). Configure real signing keys in {Keys} (PEM, JWK or X.509; see docs/configuration.md).");
        }

        return ValidateOptionsResult.Success;
    }
}
