using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.IntegrationTests.Infrastructure;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// The consent entry behind a user's connected apps (AUTHZ-12) lives as long as the grant's tokens, as the token
/// issuer computes them (REFRESH-9: an online refresh token within the client's own lifetime), not as a second rule.
/// </summary>
public sealed class ConsentExpiryTests
{
    private const string Online = "launch/patient openid fhirUser patient/Observation.rs online_access";

    [Fact] // AUTHZ-12, REFRESH-9
    public async Task CodeExchange_OnlineGrantWithClientRefreshLifetime_ConsentExpiresWithTheRefreshToken()
    {
        using var factory = new RefreshLifetimeSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var issuedAt = factory.Clock.GetUtcNow();

        var tokens = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Online));

        tokens.Status.Should().Be(HttpStatusCode.OK);
        var refresh = await RefreshTokenAsync(factory, tokens["refresh_token"]!);
        refresh.ExpiresAt.Should().Be(issuedAt + RefreshLifetimeSampleEhrFactory.RefreshTokenLifetime, "the client's lifetime is below the online bound");
        (await ConsentAsync(factory)).ExpiresAt.Should().Be(refresh.ExpiresAt);
    }

    [Fact] // AUTHZ-12, REFRESH-4
    public async Task Refresh_OnlineGrantWithClientRefreshLifetime_ConsentFollowsTheRotatedRefreshToken()
    {
        using var factory = new RefreshLifetimeSampleEhrFactory();
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var tokens = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(Online));
        factory.Clock.Advance(TimeSpan.FromHours(1));

        var refreshed = await flow.RefreshAsync(tokens["refresh_token"]!);

        refreshed.Status.Should().Be(HttpStatusCode.OK);
        var refresh = await RefreshTokenAsync(factory, refreshed["refresh_token"]!);
        refresh.ExpiresAt.Should().Be(factory.Clock.GetUtcNow() + RefreshLifetimeSampleEhrFactory.RefreshTokenLifetime);
        (await ConsentAsync(factory)).ExpiresAt.Should().Be(refresh.ExpiresAt);
    }

    private static async Task<SmartRefreshToken> RefreshTokenAsync(RefreshLifetimeSampleEhrFactory factory, string refreshToken)
    {
        var store = factory.Services.GetRequiredService<IRefreshTokenStore>();
        var found = await store.FindAsync(SecureValues.HashHandle(refreshToken), CancellationToken.None);
        found.Should().NotBeNull();
        return found!;
    }

    private static async Task<SmartConsent> ConsentAsync(RefreshLifetimeSampleEhrFactory factory)
    {
        var consents = await factory.Services.GetRequiredService<IConsentStore>().FindByClientAsync(SmartFlowClient.GrowthChart, CancellationToken.None);
        return consents.Should().ContainSingle().Subject;
    }
}
