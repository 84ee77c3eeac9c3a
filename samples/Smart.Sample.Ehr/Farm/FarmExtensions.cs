using Microsoft.AspNetCore.DataProtection;
using Smart.AspNetCore.Stores;
using Smart.Sample.Ehr.Data;
using Smart.Sample.Ehr.Fhir;
using StackExchange.Redis;

namespace Smart.Sample.Ehr.Farm;

/// <summary>
/// Several instances, one EHR: with <c>ConnectionStrings:Redis</c> set, every piece of shared SMART state goes to
/// that Redis (the library's Redis stores) and so do the ASP.NET Core Data Protection keys (login cookies,
/// antiforgery tokens) and the FHIR data written through the API. Without it, everything stays in memory.
/// </summary>
public static class FarmExtensions
{
    public const string KeyPrefix = "smart-sample:";

    /// <summary>The bound of one Redis call of the FHIR store (the contract's 10 s answer, with room).</summary>
    public static readonly TimeSpan FhirStoreTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Uses Redis for the SMART stores and Data Protection keys when <c>ConnectionStrings:Redis</c> is set.</summary>
    public static SmartOnFhirBuilder AddFarmStores(this SmartOnFhirBuilder smart, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return smart;
        }

        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;                  // start even when Redis is down; reconnect by itself
        options.BacklogPolicy = BacklogPolicy.FailFast;      // a request answered 503 leaves nothing queued behind it
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 3000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 3000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 3000);
        var multiplexer = ConnectionMultiplexer.Connect(options);

        smart.Services.AddSingleton<IConnectionMultiplexer>(multiplexer);
        smart.AddStackExchangeRedisStores(o => o.KeyPrefix = KeyPrefix);
        // The FHIR data written through the API (Observations recorded by the Growth Chart) is shared too.
        smart.Services.AddSingleton<IFhirStore>(sp => new RedisFhirStore(
            sp.GetRequiredService<InMemoryFhirStore>(),
            multiplexer,
            FhirResourceType.All.Values.Where(t => t.Writable).Select(t => t.Name),
            KeyPrefix,
            FhirStoreTimeout,
            sp.GetRequiredService<TimeProvider>()));
        smart.Services.AddDataProtection()
            .SetApplicationName("Smart.Sample.Ehr")
            .PersistKeysToStackExchangeRedis(multiplexer, KeyPrefix + "data-protection-keys");
        return smart;
    }

    /// <summary>
    /// The EHR's own pages (login, patient picker, consent) answer <c>503</c> with a short HTML page when the shared
    /// store is unavailable, never a <c>500</c>. The SMART endpoints and the FHIR API have their own mapping in the library.
    /// </summary>
    public static IApplicationBuilder UseStoreUnavailablePage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (SmartStoreUnavailableException) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Temporarily unavailable</title></head>"
                + "<body><h1>The EHR is temporarily unavailable</h1><p>Please wait a few seconds and try again.</p></body></html>",
                context.RequestAborted);
        }
    });
}
