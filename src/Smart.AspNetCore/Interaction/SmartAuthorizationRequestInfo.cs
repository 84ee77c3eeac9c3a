namespace Smart.AspNetCore.Interaction;

/// <summary>What a host's consent or patient-picker page needs to know about a pending authorization request.</summary>
public sealed class SmartAuthorizationRequestInfo
{
    internal SmartAuthorizationRequestInfo(string requestId, string clientId, string? clientName, IReadOnlyList<SmartScopeInfo> scopes, string? patient, bool isEhrLaunch, bool grantsOfflineAccess)
    {
        RequestId = requestId;
        ClientId = clientId;
        ClientName = clientName;
        Scopes = scopes;
        Patient = patient;
        IsEhrLaunch = isEhrLaunch;
        GrantsOfflineAccess = grantsOfflineAccess;
    }

    /// <summary>The request id to post back (in a hidden input).</summary>
    public string RequestId { get; }

    /// <summary>The requesting app's client id.</summary>
    public string ClientId { get; }

    /// <summary>The app's display name, when registered.</summary>
    public string? ClientName { get; }

    /// <summary>The scopes that may be granted (requested ∩ client ∩ user), in request order.</summary>
    public IReadOnlyList<SmartScopeInfo> Scopes { get; }

    /// <summary>The patient in context (launch or picked), when there is one.</summary>
    public string? Patient { get; }

    /// <summary>Whether the request came from an EHR launch.</summary>
    public bool IsEhrLaunch { get; }

    /// <summary>Whether <c>offline_access</c> would be granted; consent pages should say so (AUTHZ-12).</summary>
    public bool GrantsOfflineAccess { get; }
}
