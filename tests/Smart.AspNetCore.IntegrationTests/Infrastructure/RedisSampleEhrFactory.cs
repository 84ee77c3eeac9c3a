using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>The sample EHR with <c>ConnectionStrings:Redis</c> set: its shared state in a real redis-server.</summary>
public class RedisSampleEhrFactory(string redisConfiguration) : SampleEhrFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Redis", redisConfiguration);
        builder.UseSetting("RateLimiting:Enabled", "false");
    }

    /// <summary>Waits until the instance's Redis connection is back (after an outage).</summary>
    public async Task WaitUntilConnectedAsync()
    {
        var multiplexer = Services.GetRequiredService<IConnectionMultiplexer>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (multiplexer.IsConnected)
                {
                    await multiplexer.GetDatabase().PingAsync();
                    return;
                }
            }
            catch (RedisException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The sample did not reconnect to Redis within 30 s.");
    }
}
