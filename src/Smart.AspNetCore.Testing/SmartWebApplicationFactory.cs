using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace Smart.AspNetCore.Testing;

/// <summary>
/// A <see cref="WebApplicationFactory{TEntryPoint}"/> for a host of Smart.AspNetCore: the host's real pipeline with
/// test signing keys (<see cref="SmartTestKeys"/>) and, optionally, a fake clock. Clients it creates accept
/// <c>WithSmartToken</c> (<see cref="SmartHttpClientExtensions"/>). Use it as an xUnit class fixture directly or derive from it
/// (override <see cref="ConfigureWebHost"/> and call the base).
/// </summary>
/// <typeparam name="TEntryPoint">The host's entry point, usually <c>Program</c>.</typeparam>
public class SmartWebApplicationFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>, ISmartTestHost
    where TEntryPoint : class
{
    /// <summary>A factory with the default <see cref="SmartTestingOptions"/> (test keys, the real clock).</summary>
    public SmartWebApplicationFactory()
        : this(new SmartTestingOptions())
    {
    }

    /// <summary>A factory with the given options, for derived factories (an xUnit class fixture has one public constructor).</summary>
    /// <param name="testingOptions">How to prepare the host.</param>
    protected SmartWebApplicationFactory(SmartTestingOptions testingOptions)
    {
        ArgumentNullException.ThrowIfNull(testingOptions);
        TestingOptions = testingOptions;
        Clock = testingOptions.UseFakeTimeProvider ? new FakeTimeProvider(testingOptions.StartTime ?? DateTimeOffset.UtcNow) : null;
    }

    /// <summary>How the host is prepared.</summary>
    public SmartTestingOptions TestingOptions { get; }

    /// <summary>The host's clock when <see cref="SmartTestingOptions.UseFakeTimeProvider"/> is set; otherwise <see langword="null"/>.</summary>
    public FakeTimeProvider? Clock { get; }

    IServiceProvider ISmartTestHost.Services => Services;

    HttpMessageHandler ISmartTestHost.CreateHandler() => Server.CreateHandler();

    /// <summary>Mints an access token as the host's token endpoint would (see <see cref="SmartTestTokens.CreateAccessTokenAsync"/>).</summary>
    /// <param name="request">The scope, patient, encounter, user and client of the token.</param>
    /// <param name="cancellationToken">Cancels the minting.</param>
    /// <returns>The access token.</returns>
    public Task<string> CreateAccessTokenAsync(SmartTestTokenRequest request, CancellationToken cancellationToken = default) =>
        SmartTestTokens.CreateAccessTokenAsync(Services, request, cancellationToken);

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureTestServices(services =>
        {
            if (TestingOptions.ReplaceSigningKeys)
            {
                services.AddSmartTestKeys();
            }

            if (Clock is not null)
            {
                services.AddSmartFakeTimeProvider(Clock);
            }
        });
    }

    /// <inheritdoc />
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        SmartTestHosts.Register(client, this);
    }
}
