namespace Smart.AspNetCore.Interaction;

/// <summary>
/// Options of the library's default consent and patient-picker pages (opt-in with <c>AddDefaultInteractionPages()</c>).
/// They are served at <see cref="SmartInteractionOptions.ConsentPath"/> and <see cref="SmartInteractionOptions.PatientPickerPath"/>.
/// Who may frame them is the one framing setting of every page that grants access, <see cref="SmartFramingOptions.AllowedAncestors"/>
/// (<c>Smart:Framing:AllowedAncestors</c>).
/// </summary>
public sealed class SmartDefaultPagesOptions
{
    /// <summary>Serve the default consent page. Set to <see langword="false"/> to serve your own at the consent path. Default <see langword="true"/>.</summary>
    public bool Consent { get; set; } = true;

    /// <summary>
    /// Serve the default patient picker. It lists the patients of the registered <see cref="ISmartPatientDirectory"/>
    /// (none registered: the picker says so and no patient can be picked). Default <see langword="true"/>.
    /// </summary>
    public bool PatientPicker { get; set; } = true;

    /// <summary>Every text of the pages, to translate them. English by default.</summary>
    public SmartDefaultPagesStrings Strings { get; set; } = new();
}
