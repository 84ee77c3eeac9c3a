using Microsoft.AspNetCore.Authorization;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Authorization requirement: the SMART access token's scopes must permit the FHIR REST interaction of the current
/// request (RS-1, RS-5..RS-9). Its handler classifies the request from method and path, decides before the endpoint runs,
/// and records which request-body and response checks remain. Added by <c>RequireSmartAuthorization()</c>.
/// </summary>
public sealed class SmartScopeRequirement : IAuthorizationRequirement
{
    private SmartScopeRequirement()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static SmartScopeRequirement Instance { get; } = new();
}
