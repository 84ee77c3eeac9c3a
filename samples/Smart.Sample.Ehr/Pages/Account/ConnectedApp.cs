using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Scopes;

namespace Smart.Sample.Ehr.Pages.Account;

/// <summary>One app a user authorized, as the "Connected apps" pages show it: every grant of the user to the app, together.</summary>
/// <param name="ClientId">The app's client id.</param>
/// <param name="Name">The app's display name.</param>
/// <param name="Subject">The user.</param>
/// <param name="Scopes">The union of the granted scopes.</param>
/// <param name="GrantedAt">When the newest grant was made.</param>
/// <param name="LastUsedAt">When tokens were last issued from any of the grants.</param>
/// <param name="OfflineAccess">Whether any grant has <c>offline_access</c>.</param>
/// <param name="Grants">How many grants.</param>
public sealed record ConnectedApp(string ClientId, string Name, string Subject, IReadOnlyList<string> Scopes, DateTimeOffset GrantedAt, DateTimeOffset? LastUsedAt, bool OfflineAccess, int Grants)
{
    /// <summary>Groups grants by user and app.</summary>
    public static IReadOnlyList<ConnectedApp> From(IEnumerable<SmartConsent> grants, Func<string, string> nameOf) =>
        [.. grants
            .GroupBy(g => (g.Subject, g.ClientId))
            .Select(g => new ConnectedApp(
                g.Key.ClientId,
                nameOf(g.Key.ClientId),
                g.Key.Subject,
                [.. SmartScopeSet.Create(g.SelectMany(e => SmartScopeSet.Parse(e.Scope).Select(s => s.Value))).Select(s => s.Value)],
                g.Max(e => e.CreatedAt),
                g.Max(e => e.LastUsedAt),
                g.Any(e => e.OfflineAccess),
                g.Count()))
            .OrderByDescending(a => a.GrantedAt)];
}
