using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Health;
using Smart.AspNetCore.LaunchContext;

namespace Smart.AspNetCore.Tests.Health;

public class SmartStoresHealthCheckTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Check_InMemoryStores_Healthy()
    {
        var check = new SmartStoresHealthCheck(new InMemoryClientRegistry([]), new InMemoryRefreshTokenStore(_time), new InMemoryAuthorizationCodeStore(_time), new InMemoryLaunchContextStore(_time), new InMemoryAccessTokenDenylist(_time));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Healthy);
        result.Data.Keys.Should().BeEquivalentTo(["clients", "refresh_tokens", "authorization_codes", "launch_contexts", "access_token_denylist"]);
    }

    [Fact]
    public async Task Check_StoreThrows_UnhealthyNamingTheStore()
    {
        var check = new SmartStoresHealthCheck(new InMemoryClientRegistry([]), new UnreachableRefreshTokenStore(), new InMemoryAuthorizationCodeStore(_time), new InMemoryLaunchContextStore(_time), new InMemoryAccessTokenDenylist(_time));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Be("Not answering: refresh_tokens.");
        result.Data["refresh_tokens"].Should().Be("UnreachableRefreshTokenStore: TimeoutException");
    }

    private sealed class UnreachableRefreshTokenStore : IRefreshTokenStore
    {
        public Task StoreAsync(string key, SmartRefreshToken token, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task<SmartRedemption<SmartRefreshToken>> RedeemAsync(string key, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task<SmartRefreshToken?> FindAsync(string key, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task RevokeGrantAsync(string grantId, CancellationToken cancellationToken) => throw new TimeoutException();

        public Task RevokeOnlineAccessAsync(string subject, string? sessionId, CancellationToken cancellationToken) => throw new TimeoutException();
    }
}
