using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.ResourceServer;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>
/// The validated-token cache in a running host: on by default, revocation of the token or of its grant still refuses a
/// cached token on the next request (RS-4, REVOKE-2), it can be turned off, and bad sizes fail at start-up.
/// </summary>
public sealed class TokenCacheHostTests
{
    [Fact]
    public async Task Get_CachedTokenThenRevoked_Returns401InvalidToken()
    {
        await using var host = await ResourceServerHost.StartAsync();
        var token = host.Token("patient/Patient.rs");
        var cache = host.Services.GetRequiredService<AccessTokenValidationCache>();

        (await host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", token)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", token)).StatusCode.Should().Be(HttpStatusCode.OK);
        cache.Hits.Should().Be(1);

        var jwt = new JsonWebToken(token);
        await host.Services.GetRequiredService<AccessTokenDefinition>().RevokeTokenAsync(jwt.Id, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), CancellationToken.None);
        var response = await host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer realm=\"https://ehr.test/fhir\", error=\"invalid_token\"");
        cache.Hits.Should().Be(2);
    }

    [Fact]
    public async Task Get_CachedTokenThenGrantRevoked_Returns401InvalidToken()
    {
        await using var host = await ResourceServerHost.StartAsync();
        var token = WithGrant(host.ActiveKey, "grant-1");

        (await host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", token)).StatusCode.Should().Be(HttpStatusCode.OK);
        await host.Services.GetRequiredService<AccessTokenDefinition>().RevokeGrantAsync("grant-1", CancellationToken.None);
        var response = await host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer realm=\"https://ehr.test/fhir\", error=\"invalid_token\"");
        host.Services.GetRequiredService<AccessTokenValidationCache>().Hits.Should().Be(1);
    }

    [Fact]
    public async Task AddResourceServer_Default_UsesTheCachingHandler()
    {
        await using var host = await ResourceServerHost.StartAsync();

        var bearer = host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(SmartResourceServerDefaults.AccessTokenScheme);

        bearer.TokenHandlers.Should().ContainSingle().Which.Should().BeOfType<CachingJsonWebTokenHandler>()
            .Which.MapInboundClaims.Should().BeFalse();
    }

    [Fact]
    public async Task AddResourceServer_CacheDisabled_UsesThePlainHandlerAndStillServes()
    {
        await using var host = await ResourceServerHost.StartAsync(o => o.TokenCache.Enabled = false);
        var token = host.Token("patient/Patient.rs");

        var bearer = host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(SmartResourceServerDefaults.AccessTokenScheme);
        (await host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", token)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", token)).StatusCode.Should().Be(HttpStatusCode.OK);

        bearer.TokenHandlers.Should().ContainSingle().Which.GetType().Should().Be<JsonWebTokenHandler>();
        host.Services.GetRequiredService<AccessTokenValidationCache>().Count.Should().Be(0);
    }

    [Fact]
    public async Task AddResourceServer_BadCacheSizes_FailAtStartUpWithEveryProblem()
    {
        var act = () => ResourceServerHost.StartAsync(o =>
        {
            o.TokenCache.MaxEntries = 0;
            o.TokenCache.MaxMemoryBytes = 1024;
        });

        var error = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Failures.Should().HaveCount(2);
        error.Message.Should().Contain("TokenCache.MaxEntries").And.Contain("TokenCache.MaxMemoryBytes");
    }

    private static string WithGrant(SigningCredentials key, string grantId)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.FhirBase,
            Audience = TestTokens.FhirBase,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["sub"] = "user1",
                ["client_id"] = "app",
                ["scope"] = "patient/Patient.rs",
                ["patient"] = "p1",
                ["jti"] = Guid.NewGuid().ToString("N"),
                [AccessTokenDefinition.GrantClaim] = AccessTokenDefinition.GrantHash(grantId),
            },
            TokenType = AccessTokenDefinition.TokenType,
            SigningCredentials = key,
        });
    }
}
