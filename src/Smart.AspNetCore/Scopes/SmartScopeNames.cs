namespace Smart.AspNetCore.Scopes;

/// <summary>
/// The well-known non-resource SMART scope words (SCOPE-10).
/// </summary>
public static class SmartScopeNames
{
    /// <summary><c>launch</c>: EHR launch, paired with the <c>launch</c> request parameter.</summary>
    public const string Launch = "launch";

    /// <summary><c>launch/patient</c>: ask for a patient context.</summary>
    public const string LaunchPatient = "launch/patient";

    /// <summary><c>launch/encounter</c>: ask for an encounter context.</summary>
    public const string LaunchEncounter = "launch/encounter";

    /// <summary><c>openid</c>: OpenID Connect authentication.</summary>
    public const string OpenId = "openid";

    /// <summary><c>fhirUser</c>: the FHIR resource of the signed-in user.</summary>
    public const string FhirUser = "fhirUser";

    /// <summary><c>profile</c>: OpenID Connect profile (SMART v1 identity).</summary>
    public const string Profile = "profile";

    /// <summary><c>offline_access</c>: a refresh token that outlives the user's session.</summary>
    public const string OfflineAccess = "offline_access";

    /// <summary><c>online_access</c>: a refresh token valid while the user's session lasts.</summary>
    public const string OnlineAccess = "online_access";
}
