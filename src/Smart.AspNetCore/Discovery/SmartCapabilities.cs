namespace Smart.AspNetCore.Discovery;

/// <summary>SMART App Launch capability names (IG 2.x conformance, DISC-10).</summary>
public static class SmartCapabilities
{
    /// <summary>EHR launch (<c>launch</c> parameter).</summary>
    public const string LaunchEhr = "launch-ehr";

    /// <summary>Standalone launch.</summary>
    public const string LaunchStandalone = "launch-standalone";

    /// <summary>The authorization endpoint accepts POST.</summary>
    public const string AuthorizePost = "authorize-post";

    /// <summary>Public clients with PKCE.</summary>
    public const string ClientPublic = "client-public";

    /// <summary>Confidential clients with a shared secret.</summary>
    public const string ClientConfidentialSymmetric = "client-confidential-symmetric";

    /// <summary>Confidential clients with <c>private_key_jwt</c>.</summary>
    public const string ClientConfidentialAsymmetric = "client-confidential-asymmetric";

    /// <summary>OpenID Connect single sign-on (<c>id_token</c>).</summary>
    public const string SsoOpenIdConnect = "sso-openid-connect";

    /// <summary><c>need_patient_banner</c> launch context.</summary>
    public const string ContextBanner = "context-banner";

    /// <summary><c>smart_style_url</c> launch context.</summary>
    public const string ContextStyle = "context-style";

    /// <summary>Patient context in EHR launch.</summary>
    public const string ContextEhrPatient = "context-ehr-patient";

    /// <summary>Encounter context in EHR launch.</summary>
    public const string ContextEhrEncounter = "context-ehr-encounter";

    /// <summary>Patient context in standalone launch (patient picker).</summary>
    public const string ContextStandalonePatient = "context-standalone-patient";

    /// <summary>Encounter context in standalone launch.</summary>
    public const string ContextStandaloneEncounter = "context-standalone-encounter";

    /// <summary><c>offline_access</c> refresh tokens.</summary>
    public const string PermissionOffline = "permission-offline";

    /// <summary><c>online_access</c> refresh tokens.</summary>
    public const string PermissionOnline = "permission-online";

    /// <summary><c>patient/</c> scopes.</summary>
    public const string PermissionPatient = "permission-patient";

    /// <summary><c>user/</c> scopes.</summary>
    public const string PermissionUser = "permission-user";

    /// <summary>SMART v1 scope syntax.</summary>
    public const string PermissionV1 = "permission-v1";

    /// <summary>SMART v2 scope syntax, including granular scopes.</summary>
    public const string PermissionV2 = "permission-v2";

    internal static bool IsHl7Defined(string capability) => capability is LaunchEhr or LaunchStandalone or AuthorizePost
        or ClientPublic or ClientConfidentialSymmetric or ClientConfidentialAsymmetric or SsoOpenIdConnect or ContextBanner
        or ContextStyle or ContextEhrPatient or ContextEhrEncounter or ContextStandalonePatient or ContextStandaloneEncounter
        or PermissionOffline or PermissionOnline or PermissionPatient or PermissionUser or PermissionV1 or PermissionV2
        or "smart-app-state";
}
