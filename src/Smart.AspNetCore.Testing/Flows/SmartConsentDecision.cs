namespace Smart.AspNetCore.Testing.Flows;

/// <summary>The button the simulated user presses on the consent page.</summary>
public enum SmartConsentDecision
{
    /// <summary>Approve (<see cref="SmartFlowOptions.AllowValue"/>).</summary>
    Allow,

    /// <summary>Refuse (<see cref="SmartFlowOptions.DenyValue"/>); the app gets <c>access_denied</c>.</summary>
    Deny,
}
