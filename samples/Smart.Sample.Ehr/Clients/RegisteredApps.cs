using Smart.AspNetCore.Clients;

namespace Smart.Sample.Ehr.Clients;

/// <summary>The apps the EHR offers on a patient's chart: registered clients that have a launch URL.</summary>
public sealed class RegisteredApps(IEnumerable<SmartClient> clients)
{
    /// <summary>Apps that can be launched from the EHR, in registration order.</summary>
    public IReadOnlyList<SmartClient> Launchable { get; } = [.. clients.Where(c => c.LaunchUrl is not null)];
}
