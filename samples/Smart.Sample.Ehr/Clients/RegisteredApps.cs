using Smart.AspNetCore.Clients;

namespace Smart.Sample.Ehr.Clients;

/// <summary>The apps the EHR offers on a patient's chart: registered clients that have a launch URL.</summary>
public sealed class RegisteredApps(IEnumerable<SmartClient> clients)
{
    /// <summary>Apps that can be launched from the EHR, in registration order.</summary>
    public IReadOnlyList<SmartClient> Launchable { get; } = [.. clients.Where(c => c.LaunchUrl is not null)];

    /// <summary>Every registered app a user can authorize (not backend services), in registration order.</summary>
    public IReadOnlyList<SmartClient> UserApps { get; } = [.. clients.Where(c => c.Kind != SmartClientKind.BackendService)];

    /// <summary>The display name of a registered app, or its client id.</summary>
    public string NameOf(string clientId) => UserApps.FirstOrDefault(c => c.ClientId == clientId)?.ClientName ?? clientId;
}
