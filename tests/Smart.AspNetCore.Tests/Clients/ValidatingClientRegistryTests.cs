using Microsoft.Extensions.Logging.Abstractions;
using Smart.AspNetCore.Clients;

namespace Smart.AspNetCore.Tests.Clients;

public class ValidatingClientRegistryTests
{
    private sealed class FixedRegistry(SmartClient client) : IClientRegistry
    {
        public Task<SmartClient?> FindByIdAsync(string clientId, CancellationToken cancellationToken) => Task.FromResult<SmartClient?>(client);
    }

    [Fact]
    public async Task FindByIdAsync_InvalidRegistration_FailsClosed()
    {
        var broken = new SmartClient { ClientId = "app", RedirectUris = { "https://app.example.org/*" } };
        var registry = new ValidatingClientRegistry(new FixedRegistry(broken), NullLogger<ValidatingClientRegistry>.Instance);

        (await registry.FindByIdAsync("app", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task FindByIdAsync_ClientWithAnotherId_FailsClosed()
    {
        var other = new SmartClient { ClientId = "other", RedirectUris = { "https://app.example.org/cb" } };
        var registry = new ValidatingClientRegistry(new FixedRegistry(other), NullLogger<ValidatingClientRegistry>.Instance);

        (await registry.FindByIdAsync("app", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task FindByIdAsync_ValidRegistration_ReturnsIt()
    {
        var client = new SmartClient { ClientId = "app", RedirectUris = { "https://app.example.org/cb" } };
        var registry = new ValidatingClientRegistry(new FixedRegistry(client), NullLogger<ValidatingClientRegistry>.Instance);

        (await registry.FindByIdAsync("app", CancellationToken.None)).Should().BeSameAs(client);
    }
}
