using Smart.AspNetCore.Stores;
using StackExchange.Redis;

namespace Smart.Sample.Ehr.Farm;

/// <summary>
/// The sample's own Redis calls (FHIR data, audit trail, login lockout), beside the library's stores: Redis failing or
/// timing out surfaces as <see cref="SmartStoreUnavailableException"/>, which the API and the pages answer with 503,
/// never 500.
/// </summary>
internal static class SampleRedis
{
    /// <summary>Runs <paramref name="operation"/>; a Redis failure becomes <see cref="SmartStoreUnavailableException"/> with <paramref name="unavailable"/>.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> operation, string unavailable)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new SmartStoreUnavailableException(unavailable, ex);
        }
    }
}
