using System.Text;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Interaction;

/// <summary>Plain-language descriptions of scopes for consent pages (AUTHZ-12).</summary>
internal static class SmartScopeDescriber
{
    public static string Describe(SmartScope scope) => scope.Kind switch
    {
        SmartScopeKind.OpenId => "Confirm your identity",
        SmartScopeKind.FhirUser => "Know which user record is yours",
        SmartScopeKind.Profile => "Know which user record is yours (SMART 1.0 profile)",
        SmartScopeKind.Launch => "Use the patient and encounter open in the EHR",
        SmartScopeKind.LaunchContext => $"Ask which {scope.LaunchContextType} to work with",
        SmartScopeKind.OfflineAccess => "Keep access when you are not using the app, until you revoke it",
        SmartScopeKind.OnlineAccess => "Keep access while you are signed in",
        SmartScopeKind.Resource => DescribeResource(scope),
        _ => $"Custom permission \"{scope.Value}\"",
    };

    public static bool IsIdentityOrLaunch(SmartScope scope) =>
        scope.Kind is SmartScopeKind.OpenId or SmartScopeKind.FhirUser or SmartScopeKind.Profile or SmartScopeKind.Launch or SmartScopeKind.LaunchContext;

    private static string DescribeResource(SmartScope scope)
    {
        var verbs = new List<string>(5);
        var p = scope.Permissions;
        if (p.HasFlag(SmartPermissions.Read))
        {
            verbs.Add("read");
        }

        if (p.HasFlag(SmartPermissions.Search))
        {
            verbs.Add("search");
        }

        if (p.HasFlag(SmartPermissions.Create))
        {
            verbs.Add("create");
        }

        if (p.HasFlag(SmartPermissions.Update))
        {
            verbs.Add("update");
        }

        if (p.HasFlag(SmartPermissions.Delete))
        {
            verbs.Add("delete");
        }

        var text = new StringBuilder();
        text.Append(char.ToUpperInvariant(verbs[0][0])).Append(verbs[0], 1, verbs[0].Length - 1);
        for (var i = 1; i < verbs.Count; i++)
        {
            text.Append(i == verbs.Count - 1 ? " and " : ", ").Append(verbs[i]);
        }

        text.Append(' ').Append(scope.IsWildcard ? "all kinds of records (including kinds added in the future)" : scope.ResourceType + " records");
        text.Append(scope.Context switch
        {
            SmartScopeContext.Patient => " of the patient in context",
            SmartScopeContext.User => " you can access",
            SmartScopeContext.System => " on the server",
            _ => string.Empty,
        });
        if (scope.IsConstrained)
        {
            text.Append(" where ").Append(string.Join(" and ", scope.Parameters.Select(kv => kv.Key + " is " + kv.Value)));
        }

        return text.ToString();
    }
}
