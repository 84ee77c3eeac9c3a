namespace Smart.AspNetCore.LaunchContext;

/// <summary>A launch as kept by an <see cref="ILaunchContextStore"/>: the context and what it is bound to.</summary>
public sealed class SmartStoredLaunch
{
    /// <summary>The client the launch was started for; only that client may use it (AUTHZ-8).</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The subject of the EHR user who started the launch; only that user may use it (AUTHZ-8).</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>The launch context.</summary>
    public SmartLaunchContext Context { get; set; } = new();

    /// <summary>When the launch handle stops being accepted.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
