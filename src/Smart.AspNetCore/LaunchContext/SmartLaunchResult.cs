namespace Smart.AspNetCore.LaunchContext;

/// <summary>A started EHR launch: where to send the user's browser.</summary>
public sealed class SmartLaunchResult
{
    internal SmartLaunchResult(string launchHandle, Uri launchUrl, DateTimeOffset expiresAt)
    {
        LaunchHandle = launchHandle;
        LaunchUrl = launchUrl;
        ExpiresAt = expiresAt;
    }

    /// <summary>The opaque launch handle (256 random bits, no PHI). Do not log it.</summary>
    public string LaunchHandle { get; }

    /// <summary>The app's launch URL with <c>iss</c> and <c>launch</c> added (AUTHZ-15): redirect or open it.</summary>
    public Uri LaunchUrl { get; }

    /// <summary>When the handle stops being accepted.</summary>
    public DateTimeOffset ExpiresAt { get; }
}
