using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Interaction;

/// <summary>
/// A validated authorization request kept server-side while the user logs in, picks a patient and consents, so that
/// it survives the round trips, including a cross-site POST that arrived without the host's SameSite cookie.
/// </summary>
internal sealed class PendingAuthorization
{
    public AuthorizeRequest Request { get; set; } = new();

    /// <summary>The launch resolved (and consumed) from the <c>launch</c> parameter.</summary>
    public SmartStoredLaunch? Launch { get; set; }

    /// <summary>The subject of the user who took the request over after authentication; nobody else may finish it.</summary>
    public string? Subject { get; set; }

    /// <summary>The scopes that may be granted (requested ∩ client ∩ user), before consent.</summary>
    public string? GrantableScope { get; set; }

    public string? SelectedPatient { get; set; }

    public string? SelectedEncounter { get; set; }

    /// <summary>The scopes the user approved on the consent page.</summary>
    public string? ConsentedScope { get; set; }

    public bool Denied { get; set; }

    /// <summary>The user broke the glass on the consent page (and the host allowed it).</summary>
    public bool BreakGlass { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>With <c>prompt=login</c>: the user must have signed in at or after this time (whole seconds).</summary>
    public DateTimeOffset? LoginAfter { get; set; }

    /// <summary>The host's scheme was challenged to re-authenticate the user (<c>prompt=login</c> or <c>max_age</c>), once.</summary>
    public bool ReauthenticationChallenged { get; set; }

    /// <summary>The scopes the user approved for the client before and are remembered, when the consent page is shown again.</summary>
    public string? RememberedScope { get; set; }

    /// <summary>The authorization endpoint URL that resumes the pending request <paramref name="requestId"/>.</summary>
    public static string ResumeUrl(PathString pathBase, SmartServerMetadata metadata, SmartOnFhirOptions options, string requestId) =>
        pathBase.Add(new PathString(metadata.BasePath + "/" + options.Endpoints.AuthorizationPath.TrimStart('/')))
        + "?" + OAuthParameters.RequestId + "=" + Uri.EscapeDataString(requestId);
}
