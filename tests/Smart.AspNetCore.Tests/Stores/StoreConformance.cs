using Microsoft.Extensions.DependencyInjection;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Stores;
using Smart.AspNetCore.Testing.Conformance;

namespace Smart.AspNetCore.Tests.Stores;

// The published store conformance kit (Smart.AspNetCore.Testing.Conformance), run against the in-memory defaults and the
// Redis stores (a real redis-server), exactly as a host runs it against its own stores.

public sealed class InMemoryLaunchContextStoreConformance : LaunchContextStoreConformanceTests
{
    protected override ILaunchContextStore CreateStore() => StoreServices.InMemory().GetRequiredService<ILaunchContextStore>();
}

public sealed class InMemoryAuthorizationCodeStoreConformance : AuthorizationCodeStoreConformanceTests
{
    protected override IAuthorizationCodeStore CreateStore() => StoreServices.InMemory().GetRequiredService<IAuthorizationCodeStore>();
}

public sealed class InMemoryRefreshTokenStoreConformance : RefreshTokenStoreConformanceTests
{
    protected override IRefreshTokenStore CreateStore() => StoreServices.InMemory().GetRequiredService<IRefreshTokenStore>();
}

public sealed class InMemoryClientAssertionReplayCacheConformance : ClientAssertionReplayCacheConformanceTests
{
    protected override IClientAssertionReplayCache CreateCache() => StoreServices.InMemory().GetRequiredService<IClientAssertionReplayCache>();
}

public sealed class InMemoryAccessTokenDenylistConformance : AccessTokenDenylistConformanceTests
{
    protected override IAccessTokenDenylist CreateDenylist() => StoreServices.InMemory().GetRequiredService<IAccessTokenDenylist>();
}

public sealed class InMemoryPendingAuthorizationStoreConformance : PendingAuthorizationStoreConformanceTests
{
    protected override IPendingAuthorizationStore CreateStore() => StoreServices.InMemory().GetRequiredService<IPendingAuthorizationStore>();
}

[Collection(RedisCollection.Name)]
public sealed class RedisLaunchContextStoreConformance(RedisFixture redis) : LaunchContextStoreConformanceTests
{
    protected override ILaunchContextStore CreateStore() => redis.Services.GetRequiredService<ILaunchContextStore>();
}

[Collection(RedisCollection.Name)]
public sealed class RedisAuthorizationCodeStoreConformance(RedisFixture redis) : AuthorizationCodeStoreConformanceTests
{
    protected override IAuthorizationCodeStore CreateStore() => redis.Services.GetRequiredService<IAuthorizationCodeStore>();
}

[Collection(RedisCollection.Name)]
public sealed class RedisRefreshTokenStoreConformance(RedisFixture redis) : RefreshTokenStoreConformanceTests
{
    protected override IRefreshTokenStore CreateStore() => redis.Services.GetRequiredService<IRefreshTokenStore>();
}

[Collection(RedisCollection.Name)]
public sealed class RedisClientAssertionReplayCacheConformance(RedisFixture redis) : ClientAssertionReplayCacheConformanceTests
{
    protected override IClientAssertionReplayCache CreateCache() => redis.Services.GetRequiredService<IClientAssertionReplayCache>();
}

[Collection(RedisCollection.Name)]
public sealed class RedisAccessTokenDenylistConformance(RedisFixture redis) : AccessTokenDenylistConformanceTests
{
    protected override IAccessTokenDenylist CreateDenylist() => redis.Services.GetRequiredService<IAccessTokenDenylist>();
}

[Collection(RedisCollection.Name)]
public sealed class RedisPendingAuthorizationStoreConformance(RedisFixture redis) : PendingAuthorizationStoreConformanceTests
{
    protected override IPendingAuthorizationStore CreateStore() => redis.Services.GetRequiredService<IPendingAuthorizationStore>();
}

public sealed class InMemoryConsentStoreConformance : ConsentStoreConformanceTests
{
    protected override IConsentStore CreateStore() => StoreServices.InMemory().GetRequiredService<IConsentStore>();
}

[Collection(RedisCollection.Name)]
public sealed class RedisConsentStoreConformance(RedisFixture redis) : ConsentStoreConformanceTests
{
    protected override IConsentStore CreateStore() => redis.Services.GetRequiredService<IConsentStore>();
}

/// <summary>The in-memory counters on a fake clock: the expiry checks advance it instead of waiting.</summary>
public sealed class InMemoryRateLimitStoreConformance : RateLimitStoreConformanceTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new();

    protected override Smart.AspNetCore.Throttling.IRateLimitStore CreateStore() => new Smart.AspNetCore.Throttling.InMemoryRateLimitStore(_time);

    protected override Task AdvanceAsync(TimeSpan time)
    {
        _time.Advance(time);
        return Task.CompletedTask;
    }
}

/// <summary>The Redis counters: windows end on the server (<c>PEXPIRE</c>), so the expiry checks wait a short window.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRateLimitStoreConformance(RedisFixture redis) : RateLimitStoreConformanceTests
{
    protected override Smart.AspNetCore.Throttling.IRateLimitStore CreateStore() => redis.Services.GetRequiredService<Smart.AspNetCore.Throttling.IRateLimitStore>();
}
