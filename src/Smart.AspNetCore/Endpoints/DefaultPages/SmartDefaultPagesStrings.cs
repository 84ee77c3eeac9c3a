namespace Smart.AspNetCore.Interaction;

/// <summary>
/// The texts of the default consent and patient-picker pages. Replace any of them (for example from an
/// <c>IStringLocalizer</c>) to translate the pages; <see cref="Language"/> becomes the page's <c>lang</c>.
/// <c>{0}</c> in <see cref="ConsentHeading"/> is the app's name.
/// </summary>
public sealed class SmartDefaultPagesStrings
{
    /// <summary>The BCP 47 language of these texts. Default <c>en</c>.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Consent page title.</summary>
    public string ConsentTitle { get; set; } = "Allow access";

    /// <summary>Consent heading; <c>{0}</c> is the app's name.</summary>
    public string ConsentHeading { get; set; } = "{0} wants to access your health record";

    /// <summary>Says which patient the app will see, before the patient id.</summary>
    public string ConsentPatient { get; set; } = "Patient:";

    /// <summary>Legend of the list of permissions.</summary>
    public string ConsentScopesLegend { get; set; } = "Untick anything you do not want to share";

    /// <summary>Marks a scope that is always included (identity and launch scopes).</summary>
    public string ConsentAlwaysIncluded { get; set; } = "(always included)";

    /// <summary>
    /// The tag after a scope the user has not approved for this app before (remembered consent: only the new scopes
    /// need a fresh look); text, not colour alone.
    /// </summary>
    public string ConsentNewScope { get; set; } = "New";

    /// <summary>Shown when <c>offline_access</c> would be granted (AUTHZ-12).</summary>
    public string ConsentOfflineAccess { get; set; } = "The app will keep access after you sign out, until you revoke it.";

    /// <summary>The allow button.</summary>
    public string Allow { get; set; } = "Allow";

    /// <summary>The deny button.</summary>
    public string Deny { get; set; } = "Deny";

    /// <summary>Patient picker title and heading.</summary>
    public string PickerTitle { get; set; } = "Choose a patient";

    /// <summary>Legend of the list of patients.</summary>
    public string PickerLegend { get; set; } = "Which patient should the app open?";

    /// <summary>The picker's submit button.</summary>
    public string PickerSubmit { get; set; } = "Continue";

    /// <summary>Shown when no patient can be picked.</summary>
    public string PickerNoPatients { get; set; } = "There is no patient you can open this app for.";

    /// <summary>Shown when the form was sent without choosing one of the patients listed.</summary>
    public string PickerChooseOne { get; set; } = "Choose one of the patients listed.";

    /// <summary>Shown for an unknown, expired or someone else's request, or a form that failed its antiforgery check.</summary>
    public string RequestExpired { get; set; } = "This request has expired or is not yours. Close this window and start the app again.";
}
