namespace Smart.AspNetCore.Grants;

/// <summary>An issued refresh token as stored (REFRESH-2): bound to its client and grant.</summary>
public sealed class SmartRefreshToken
{
    /// <summary>The grant; <see cref="SmartGrant.GrantId"/> is the token family used for reuse detection.</summary>
    public SmartGrant Grant { get; set; } = new();

    /// <summary>Whether the grant used <c>online_access</c>, so the token ends with the user's session (REFRESH-9).</summary>
    public bool IsOnlineAccess { get; set; }

    /// <summary>When the token expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
