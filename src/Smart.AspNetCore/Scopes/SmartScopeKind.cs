namespace Smart.AspNetCore.Scopes;

/// <summary>
/// The kind of a SMART scope word, as recognised by <see cref="SmartScope.TryParse(string?, out SmartScope)"/>.
/// </summary>
/// <remarks>
/// See the SMART App Launch IG, <see href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">Scopes and Launch Context</see>.
/// </remarks>
public enum SmartScopeKind
{
    /// <summary>A resource scope such as <c>patient/Observation.rs</c> or <c>user/*.read</c> (SCOPE-1, SCOPE-2).</summary>
    Resource,

    /// <summary>The <c>launch</c> scope that accompanies an EHR launch (SCOPE-10).</summary>
    Launch,

    /// <summary>A <c>launch/&lt;type&gt;</c> scope such as <c>launch/patient</c> or <c>launch/encounter</c> (SCOPE-10).</summary>
    LaunchContext,

    /// <summary>The OpenID Connect <c>openid</c> scope.</summary>
    OpenId,

    /// <summary>The SMART <c>fhirUser</c> identity scope.</summary>
    FhirUser,

    /// <summary>The OpenID Connect <c>profile</c> scope (SMART v1 identity).</summary>
    Profile,

    /// <summary>The <c>offline_access</c> refresh scope.</summary>
    OfflineAccess,

    /// <summary>The <c>online_access</c> refresh scope.</summary>
    OnlineAccess,

    /// <summary>
    /// Any other well-formed RFC 6749 scope token that does not look like a resource scope:
    /// a full URI, a <c>__</c>-prefixed extension scope (SCOPE-11), or any other word.
    /// </summary>
    Custom,
}
