namespace Smart.AspNetCore.Testing;

/// <summary>How <see cref="SmartWebApplicationFactory{TEntryPoint}"/> prepares the host for tests.</summary>
public sealed class SmartTestingOptions
{
    /// <summary>Replace the host's signing keys with <see cref="SmartTestKeys"/> (default <see langword="true"/>).</summary>
    public bool ReplaceSigningKeys { get; set; } = true;

    /// <summary>
    /// Register a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> as the host's <see cref="TimeProvider"/>,
    /// exposed as <see cref="SmartWebApplicationFactory{TEntryPoint}.Clock"/>, for expiry tests (default <see langword="false"/>).
    /// </summary>
    public bool UseFakeTimeProvider { get; set; }

    /// <summary>Where the fake clock starts; the real time when <see langword="null"/> (so the host's cookies stay valid).</summary>
    public DateTimeOffset? StartTime { get; set; }
}
