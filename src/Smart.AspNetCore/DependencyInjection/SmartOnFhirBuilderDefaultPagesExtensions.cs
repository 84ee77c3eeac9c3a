using Microsoft.Extensions.DependencyInjection.Extensions;
using Smart.AspNetCore.Endpoints.DefaultPages;
using Smart.AspNetCore.Interaction;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Opt-in default consent and patient-picker pages.</summary>
public static class SmartOnFhirBuilderDefaultPagesExtensions
{
    /// <summary>
    /// Serves plain, accessible, localisable consent and patient-picker pages from the library at
    /// <see cref="Smart.AspNetCore.SmartInteractionOptions.ConsentPath"/> and
    /// <see cref="Smart.AspNetCore.SmartInteractionOptions.PatientPickerPath"/> (mapped by <c>MapSmartOnFhir()</c>), so a
    /// host needs only its own sign-in. The picker offers the patients of the host's <see cref="ISmartPatientDirectory"/>
    /// (register one for standalone launches by clinicians). Turn either page off in <paramref name="configure"/> to
    /// serve your own there. Posts are checked with ASP.NET Core antiforgery. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The SMART on FHIR builder.</param>
    /// <param name="configure">Optional configuration of the pages (texts, framing origins, which pages).</param>
    /// <returns>The builder.</returns>
    public static SmartOnFhirBuilder AddDefaultInteractionPages(this SmartOnFhirBuilder builder, Action<SmartDefaultPagesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SmartDefaultPagesOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddAntiforgery();
        builder.Services.TryAddSingleton<DefaultInteractionPagesMarker>();
        return builder;
    }
}
