using Smart.AspNetCore.LaunchContext;

namespace Smart.AspNetCore.Grants;

/// <summary>
/// What a user authorized a client to do: the granted scopes, the user, and the launch context. Codes and refresh
/// tokens carry a grant; access tokens are minted from it.
/// </summary>
public sealed class SmartGrant
{
    /// <summary>Identifies the grant; every refresh token of the grant shares it (the token family).</summary>
    public string GrantId { get; set; } = string.Empty;

    /// <summary>The client the grant was made to.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The user's subject identifier.</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>The user's login session (used to end <c>online_access</c> grants).</summary>
    public string SessionId { get; set; } = string.Empty;

    /// <summary>The granted scopes, space-separated, exactly as they are reported to the app (TOKEN-12).</summary>
    public string Scope { get; set; } = string.Empty;

    /// <summary>The user's FHIR resource (relative reference or absolute URL), when known.</summary>
    public string? FhirUser { get; set; }

    /// <summary>When the grant was made (the code was issued).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the user authenticated, when known.</summary>
    public DateTimeOffset? AuthTime { get; set; }

    /// <summary>The launch context (EHR launch or patient picked in a standalone launch).</summary>
    public SmartLaunchContext? LaunchContext { get; set; }

    /// <summary>
    /// Whether the user broke the glass on the consent page for this grant: its access tokens (also those refreshed
    /// from it) carry the <c>break_glass</c> claim and may receive the patient in context's resources that carry a
    /// restricted security label. Never set for a grant approved without the consent page.
    /// </summary>
    public bool BreakGlass { get; set; }
}
