namespace Smart.AspNetCore.Grants;

/// <summary>The result of an atomic redeem operation.</summary>
/// <typeparam name="T">The stored value.</typeparam>
/// <param name="Status">The outcome.</param>
/// <param name="Value">The stored value for <see cref="SmartRedemptionStatus.Redeemed"/> and <see cref="SmartRedemptionStatus.AlreadyRedeemed"/>.</param>
public readonly record struct SmartRedemption<T>(SmartRedemptionStatus Status, T? Value)
    where T : class;
