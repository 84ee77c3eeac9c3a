using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Endpoints.Token;

namespace Smart.AspNetCore.Tests.Token;

/// <summary>The pure parts of private_key_jwt: key fitting (CLIENT-6), JWKS caching (CLIENT-7), replay cache (CLIENT-5).</summary>
public class ClientAssertionValidationTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static JsonWebKey Ec(string curve) => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(curve == "P-256" ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384)));

    private static JsonWebKey Rsa() => JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(RSA.Create(2048)));

    [Theory]
    [InlineData("RS384", "RSA", true)]
    [InlineData("RS256", "RSA", true)]
    [InlineData("ES384", "P-384", true)]
    [InlineData("ES256", "P-256", true)]
    [InlineData("ES384", "P-256", false)]
    [InlineData("ES256", "P-384", false)]
    [InlineData("ES384", "RSA", false)]
    [InlineData("RS384", "P-384", false)]
    [InlineData("HS256", "RSA", false)]
    [InlineData("none", "RSA", false)]
    public void Fits_KeyTypeAndCurve_MustMatchAlgorithm(string algorithm, string key, bool fits)
    {
        var jwk = key == "RSA" ? Rsa() : Ec(key);

        ClientAssertionValidator.Fits(jwk, algorithm).Should().Be(fits);
    }

    [Fact]
    public void Fits_KeyRestrictedToAnotherAlgorithmOrUse_DoesNotFit()
    {
        var other = Rsa();
        other.Alg = "RS256";
        var encryption = Rsa();
        encryption.Use = "enc";

        ClientAssertionValidator.Fits(other, "RS384").Should().BeFalse();
        ClientAssertionValidator.Fits(encryption, "RS384").Should().BeFalse();
    }

    [Theory] // CLIENT-7
    [InlineData(null, 300)]
    [InlineData("max-age=60", 60)]
    [InlineData("public, max-age=86400", 3600)]
    [InlineData("no-store", 0)]
    [InlineData("no-cache", 0)]
    [InlineData("public", 300)]
    public void CacheDuration_FollowsCacheControl_BoundedToAnHour(string? header, int seconds)
    {
        var value = header is null ? null : CacheControlHeaderValue.Parse(header);

        ClientJwksProvider.CacheDuration(value).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact] // CLIENT-5
    public async Task ReplayCache_ConcurrentAdds_ExactlyOneWins()
    {
        var cache = new InMemoryClientAssertionReplayCache(_time);
        var key = ClientAssertionValidator.ReplayKey("client", "jti-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => cache.TryAddAsync(key, _time.GetUtcNow().AddMinutes(5), CancellationToken.None))));

        results.Count(r => r).Should().Be(1);
    }

    [Fact] // CLIENT-5: after the assertion's expiry the entry may be reused (the assertion itself is refused as expired).
    public async Task ReplayCache_AfterExpiry_AcceptsAgain()
    {
        var cache = new InMemoryClientAssertionReplayCache(_time);
        (await cache.TryAddAsync("k", _time.GetUtcNow().AddMinutes(5), CancellationToken.None)).Should().BeTrue();

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        (await cache.TryAddAsync("k", _time.GetUtcNow().AddMinutes(5), CancellationToken.None)).Should().BeFalse();

        _time.Advance(TimeSpan.FromSeconds(1));
        (await cache.TryAddAsync("k", _time.GetUtcNow().AddMinutes(5), CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public void ReplayKey_DependsOnIssuerAndJti()
    {
        ClientAssertionValidator.ReplayKey("a", "1").Should().NotBe(ClientAssertionValidator.ReplayKey("b", "1"));
        ClientAssertionValidator.ReplayKey("a\n1", "").Should().NotBe(ClientAssertionValidator.ReplayKey("a", "\n1"));
    }

    [Fact] // SEC-8: a non-HTTPS jwks_uri is never fetched.
    public async Task JwksProvider_HttpUrlOnPublicHost_IsNotFetched()
    {
        using var factory = new CountingFactory();
        var provider = new ClientJwksProvider(factory, _time, NullLogger<ClientJwksProvider>.Instance);
        var client = new SmartClient { ClientId = "c", Kind = SmartClientKind.BackendService, JwksUri = new Uri("http://keys.example.org/jwks.json") };

        (await provider.FindKeysAsync(client, "kid", CancellationToken.None)).Should().BeNull();
        factory.Created.Should().Be(0);
    }

    private sealed class CountingFactory : IHttpClientFactory, IDisposable
    {
        private readonly HttpClient _client = new();

        public int Created { get; private set; }

        public HttpClient CreateClient(string name)
        {
            Created++;
            return _client;
        }

        public void Dispose() => _client.Dispose();
    }
}
