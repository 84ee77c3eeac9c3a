namespace Smart.AspNetCore.Stores;

/// <summary>What the endpoints tell a client when a store is unavailable.</summary>
internal static class StoreRetry
{
    /// <summary>The <c>Retry-After</c> of a <c>503</c> caused by <see cref="SmartStoreUnavailableException"/>, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    public const string Description = "The authorization server's storage is temporarily unavailable; try again shortly.";
}
