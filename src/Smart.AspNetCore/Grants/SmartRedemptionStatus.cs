namespace Smart.AspNetCore.Grants;

/// <summary>The outcome of redeeming a single-use value.</summary>
public enum SmartRedemptionStatus
{
    /// <summary>Unknown, expired or already removed.</summary>
    NotFound = 0,

    /// <summary>This call redeemed it: the value is returned and cannot be redeemed again.</summary>
    Redeemed = 1,

    /// <summary>It was redeemed before: a replay. The value is returned so that its grant can be revoked.</summary>
    AlreadyRedeemed = 2,

    /// <summary>Its grant was revoked.</summary>
    Revoked = 3,
}
