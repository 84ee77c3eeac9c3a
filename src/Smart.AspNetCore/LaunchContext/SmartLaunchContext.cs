namespace Smart.AspNetCore.LaunchContext;

/// <summary>
/// The context an EHR launch hands to an app (CTX-1..CTX-5): who launched it, for which patient and encounter, and
/// how the app should present itself. It lives on the server only; the app receives it in the token response.
/// </summary>
public sealed class SmartLaunchContext
{
    /// <summary>The Patient logical id (not <c>Patient/123</c>, CTX-2).</summary>
    public string? Patient { get; set; }

    /// <summary>The Encounter logical id (CTX-3).</summary>
    public string? Encounter { get; set; }

    /// <summary>Further resources in context (CTX-4).</summary>
    public IList<SmartFhirContextItem> FhirContext { get; } = new List<SmartFhirContextItem>();

    /// <summary>A launch intent such as <c>reconcile-medications</c> (CTX-5).</summary>
    public string? Intent { get; set; }

    /// <summary>Whether the app should show a patient banner (CTX-5, <c>context-banner</c>).</summary>
    public bool? NeedPatientBanner { get; set; }

    /// <summary>URL of a SMART style document (CTX-5, <c>context-style</c>).</summary>
    public string? SmartStyleUrl { get; set; }

    /// <summary>An opaque organisation identifier (SMART 2.x <c>tenant</c>).</summary>
    public string? Tenant { get; set; }

    /// <summary>
    /// Extra top-level token response parameters. Names must be full URIs or start with <c>__</c> (SCOPE-11);
    /// values are strings.
    /// </summary>
    public IDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Creates a deep copy.</summary>
    /// <returns>The copy.</returns>
    public SmartLaunchContext Clone()
    {
        var copy = new SmartLaunchContext
        {
            Patient = Patient,
            Encounter = Encounter,
            Intent = Intent,
            NeedPatientBanner = NeedPatientBanner,
            SmartStyleUrl = SmartStyleUrl,
            Tenant = Tenant,
        };
        foreach (var item in FhirContext)
        {
            copy.FhirContext.Add(new SmartFhirContextItem
            {
                Reference = item.Reference,
                Canonical = item.Canonical,
                Type = item.Type,
                Role = item.Role,
                Identifier = item.Identifier is null ? null : new SmartIdentifier { System = item.Identifier.System, Value = item.Identifier.Value },
            });
        }

        foreach (var (name, value) in Parameters)
        {
            copy.Parameters[name] = value;
        }

        return copy;
    }
}
