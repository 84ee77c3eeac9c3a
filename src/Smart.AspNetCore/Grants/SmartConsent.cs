namespace Smart.AspNetCore.Grants;

/// <summary>
/// What a user approved for a client in one grant: the scopes after their own unticking, whether offline access was
/// granted, when, and until when the approval is remembered. The consent store keeps one per grant, so that a user's
/// connected apps can be listed and revoked, and a later authorization asking for no more than the remembered
/// scopes skips the consent page.
/// </summary>
public sealed class SmartConsent
{
    /// <summary>The grant (<see cref="SmartGrant.GrantId"/>) the approval produced.</summary>
    public string GrantId { get; set; } = string.Empty;

    /// <summary>The client the user approved.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The user's subject identifier.</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>The granted scopes, space-separated.</summary>
    public string Scope { get; set; } = string.Empty;

    /// <summary>Whether <c>offline_access</c> was granted (the grant outlives the user's session).</summary>
    public bool OfflineAccess { get; set; }

    /// <summary>When the grant was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When tokens were last issued from the grant, when they were.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>
    /// Until when the approval lets a later authorization skip the consent page; <see langword="null"/> when it is not
    /// remembered (the client's policy asks every time, the client is trusted, or the glass was broken).
    /// </summary>
    public DateTimeOffset? RememberedUntil { get; set; }

    /// <summary>When the store may forget the entry (the grant cannot be used any more, and the approval is no longer remembered).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
