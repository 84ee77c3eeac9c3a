using System.Diagnostics.Metrics;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Diagnostics;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.ResourceServer;
using Smart.AspNetCore.Signing;
using Smart.AspNetCore.Tests.Signing;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>
/// The validated-token cache at the token-handler seam (RS-1): a hit skips signature and claim validation but not the
/// lifetime check against the injected clock, a removed key invalidates, a failure is never cached, bounds hold.
/// </summary>
public sealed class TokenCacheTests
{
    private const string FhirBase = "https://ehr.example.org/fhir";
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private static readonly SmartSigningKey s_active = SigningTestKeys.Ec("active");
    private static readonly SmartSigningKey s_old = SigningTestKeys.Ec("old", retired: true);
    private static readonly SmartSigningKey s_rsa = SigningTestKeys.Rsa("rsa");
    private static readonly JsonWebTokenHandler s_minter = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ValidateTokenAsync_SameTokenTwice_SecondIsAHitWithTheSameTokenAndAnEqualFreshIdentity()
    {
        var (handler, parameters) = Create([s_active, s_rsa]);
        var token = Mint(s_active, TimeSpan.FromMinutes(5));
        var uncached = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, parameters);

        var first = await handler.ValidateTokenAsync(token, parameters);
        var second = await handler.ValidateTokenAsync(token, parameters);

        handler.Cache.Misses.Should().Be(1);
        handler.Cache.Hits.Should().Be(1);
        first.IsValid.Should().BeTrue();
        second.IsValid.Should().BeTrue();
        second.SecurityToken.Should().BeSameAs(first.SecurityToken);
        ((JsonWebToken)second.SecurityToken).EncodedToken.Should().Be(token);
        second.ClaimsIdentity.Should().NotBeSameAs(first.ClaimsIdentity);
        Describe(second.ClaimsIdentity).Should().Equal(Describe(uncached.ClaimsIdentity));
        Describe(first.ClaimsIdentity).Should().Equal(Describe(uncached.ClaimsIdentity));

        // A host that adds a claim to one request's identity does not change the next request's.
        second.ClaimsIdentity.AddClaim(new Claim("added", "x"));
        var third = await handler.ValidateTokenAsync(token, parameters);
        third.ClaimsIdentity.HasClaim(c => c.Type == "added").Should().BeFalse();
    }

    [Fact]
    public async Task ValidateTokenAsync_CachedTokenAtExpiryPlusSkew_IsRejectedAsExpired()
    {
        var (handler, parameters) = Create([s_active, s_rsa]);
        var token = Mint(s_active, TimeSpan.FromMinutes(5));
        (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();

        // One second before exp + skew: still valid, from the cache.
        _time.Advance(TimeSpan.FromMinutes(5) + Skew - TimeSpan.FromSeconds(1));
        (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();
        handler.Cache.Hits.Should().Be(1);

        // At exp + skew: expired, exactly as without the cache, and the entry is dropped.
        _time.Advance(TimeSpan.FromSeconds(1));
        var expired = await handler.ValidateTokenAsync(token, parameters);

        expired.IsValid.Should().BeFalse();
        expired.Exception.Should().BeOfType<SecurityTokenExpiredException>();
        handler.Cache.Count.Should().Be(0);
        var again = await handler.ValidateTokenAsync(token, parameters);
        again.IsValid.Should().BeFalse();
        again.Exception.Should().BeOfType<SecurityTokenExpiredException>();
        handler.Cache.Count.Should().Be(0);
    }

    [Fact]
    public async Task ValidateTokenAsync_TamperedTokenWithTheSamePrefix_IsRejectedAndNeverCached()
    {
        var (handler, parameters) = Create([s_active, s_rsa]);
        var token = Mint(s_active, TimeSpan.FromMinutes(5));
        (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();
        var last = token[^1];
        var tampered = token[..^1] + (last == 'A' ? 'B' : 'A');
        var truncated = token[..^4];

        var first = await handler.ValidateTokenAsync(tampered, parameters);
        var second = await handler.ValidateTokenAsync(tampered, parameters);
        var cut = await handler.ValidateTokenAsync(truncated, parameters);

        first.IsValid.Should().BeFalse();
        second.IsValid.Should().BeFalse();
        cut.IsValid.Should().BeFalse();
        first.Exception.Should().BeAssignableTo<SecurityTokenException>();
        handler.Cache.Count.Should().Be(1);
        handler.Cache.Hits.Should().Be(0);
        handler.Cache.Misses.Should().Be(4);
    }

    [Fact]
    public async Task ValidateTokenAsync_TokenOfARetiredKey_StaysValidFromTheCacheUntilItExpires()
    {
        var (handler, parameters) = Create([s_active, s_old, s_rsa]);
        var token = Mint(s_old, TimeSpan.FromMinutes(5));

        (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();
        _time.Advance(TimeSpan.FromMinutes(5) + Skew - TimeSpan.FromSeconds(1));
        (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();
        _time.Advance(TimeSpan.FromSeconds(1));
        var expired = await handler.ValidateTokenAsync(token, parameters);

        handler.Cache.Hits.Should().Be(2);
        expired.Exception.Should().BeOfType<SecurityTokenExpiredException>();
    }

    [Fact]
    public async Task ValidateTokenAsync_CachedTokenWhoseKeyWasRemoved_IsRejected()
    {
        var (handler, parameters) = Create([s_active, s_old, s_rsa]);
        var token = Mint(s_old, TimeSpan.FromMinutes(5));
        (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();

        // The key set changes (the old key is removed from the ring): the bearer scheme gets new validation parameters.
        var withoutOld = parameters.Clone();
        withoutOld.IssuerSigningKeys = new[] { s_active.Key, s_rsa.Key };
        var result = await handler.ValidateTokenAsync(token, withoutOld);

        result.IsValid.Should().BeFalse();
        result.Exception.Should().BeAssignableTo<SecurityTokenSignatureKeyNotFoundException>();
        handler.Cache.Count.Should().Be(0);
        handler.Cache.Hits.Should().Be(0);
        handler.Cache.Misses.Should().Be(2);
    }

    [Fact]
    public async Task ValidateTokenAsync_ManyDistinctTokens_StaysWithinTheEntryBound()
    {
        var (handler, parameters) = Create([s_active, s_rsa], maxEntries: 50);
        var tokens = Enumerable.Range(0, 200).Select(_ => Mint(s_active, TimeSpan.FromMinutes(5))).ToList();

        foreach (var token in tokens)
        {
            (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();
            handler.Cache.Count.Should().BeLessThanOrEqualTo(50);
        }

        handler.Cache.Evictions.Should().BeGreaterThanOrEqualTo(150);
        (await handler.ValidateTokenAsync(tokens[^1], parameters)).IsValid.Should().BeTrue();
        handler.Cache.Hits.Should().Be(1);
        // Evicted tokens are simply validated again.
        (await handler.ValidateTokenAsync(tokens[0], parameters)).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task ValidateTokenAsync_LargeTokens_StayWithinTheMemoryBound()
    {
        const long bound = 64 * 1024;
        var (handler, parameters) = Create([s_active, s_rsa], maxBytes: bound);
        var padding = new string('x', 2000);

        for (var i = 0; i < 100; i++)
        {
            var token = Mint(s_active, TimeSpan.FromMinutes(5), padding);
            (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();
            handler.Cache.EstimatedBytes.Should().BeLessThanOrEqualTo(bound);
        }

        handler.Cache.Count.Should().BeGreaterThan(0);
        handler.Cache.Evictions.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task ValidateTokenAsync_ExpiredEntriesAreEvictedFirst()
    {
        var (handler, parameters) = Create([s_active, s_rsa], maxEntries: 10);
        var shortLived = Enumerable.Range(0, 5).Select(_ => Mint(s_active, TimeSpan.FromMinutes(1))).ToList();
        var longLived = Enumerable.Range(0, 5).Select(_ => Mint(s_active, TimeSpan.FromMinutes(30))).ToList();
        foreach (var token in shortLived.Concat(longLived))
        {
            await handler.ValidateTokenAsync(token, parameters);
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        await handler.ValidateTokenAsync(Mint(s_active, TimeSpan.FromMinutes(30)), parameters);
        var hitsBefore = handler.Cache.Hits;
        foreach (var token in longLived)
        {
            (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();
        }

        // The sweep stopped at 90 % of the bound (9) after dropping two expired entries; no live entry was evicted.
        handler.Cache.Hits.Should().Be(hitsBefore + 5);
        handler.Cache.Count.Should().Be(9);
        handler.Cache.Evictions.Should().Be(2);
    }

    [Fact]
    public async Task ValidateTokenAsync_ConcurrentRequests_AllValidAndBoundHeld()
    {
        var (handler, parameters) = Create([s_active, s_rsa], maxEntries: 20);
        var tokens = Enumerable.Range(0, 40).Select(_ => Mint(s_active, TimeSpan.FromMinutes(5))).ToArray();
        var tampered = tokens[0][..^2] + "AA";
        var failures = 0;

        await Parallel.ForAsync(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var token = i % 10 == 9 ? tampered : tokens[i % tokens.Length];
            var result = await handler.ValidateTokenAsync(token, parameters);
            if (result.IsValid == (token == tampered) || (result.IsValid && ((JsonWebToken)result.SecurityToken).EncodedToken != token))
            {
                Interlocked.Increment(ref failures);
            }
        });

        failures.Should().Be(0);
        handler.Cache.Count.Should().BeLessThanOrEqualTo(20);
        (handler.Cache.Hits + handler.Cache.Misses).Should().Be(2000);
    }

    [Fact]
    public async Task ValidateTokenAsync_ParametersWithAKeyResolver_BypassTheCache()
    {
        var (handler, parameters) = Create([s_active, s_rsa]);
        parameters.IssuerSigningKeyResolver = (_, _, _, _) => [s_active.Key];
        var token = Mint(s_active, TimeSpan.FromMinutes(5));

        (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();
        (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();

        handler.Cache.Count.Should().Be(0);
        handler.Cache.Hits.Should().Be(0);
    }

    [Fact] // Issue 14: the cache's hits, misses, evictions and size are metrics of the library's meter.
    public async Task Metrics_HitsMissesEvictionsAndEntries_AreObserved()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var telemetry = new SmartOnFhirTelemetry(meters);
        using var hits = new MetricCollector<long>(meters, SmartOnFhirTelemetry.Name, "smart.token_cache.hits");
        using var misses = new MetricCollector<long>(meters, SmartOnFhirTelemetry.Name, "smart.token_cache.misses");
        using var evictions = new MetricCollector<long>(meters, SmartOnFhirTelemetry.Name, "smart.token_cache.evictions");
        using var entries = new MetricCollector<long>(meters, SmartOnFhirTelemetry.Name, "smart.token_cache.entries");
        var (handler, parameters) = Create([s_active, s_rsa], maxEntries: 10, telemetry: telemetry);
        var tokens = Enumerable.Range(0, 30).Select(_ => Mint(s_active, TimeSpan.FromMinutes(5))).ToList();

        foreach (var token in tokens)
        {
            (await handler.ValidateTokenAsync(token, parameters)).IsValid.Should().BeTrue();
        }

        (await handler.ValidateTokenAsync(tokens[^1], parameters)).IsValid.Should().BeTrue();
        foreach (var collector in new[] { hits, misses, evictions, entries })
        {
            collector.RecordObservableInstruments();
        }

        hits.LastMeasurement!.Value.Should().Be(1);
        misses.LastMeasurement!.Value.Should().Be(30);
        evictions.LastMeasurement!.Value.Should().Be(handler.Cache.Evictions).And.BeGreaterThanOrEqualTo(20);
        entries.LastMeasurement!.Value.Should().Be(handler.Cache.Count).And.BeInRange(1, 10);
    }

    [Fact] // A cache that is off publishes nothing.
    public void Metrics_CacheOff_NoInstruments()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var telemetry = new SmartOnFhirTelemetry(meters);
        using var hits = new MetricCollector<long>(meters, SmartOnFhirTelemetry.Name, "smart.token_cache.hits");
        var options = new SmartResourceServerOptions();
        options.TokenCache.Enabled = false;

        _ = new AccessTokenValidationCache(Options.Create(options), _time, telemetry);
        hits.RecordObservableInstruments();

        hits.Instrument.Should().BeNull();
        hits.GetMeasurementSnapshot().Should().BeEmpty();
    }

    private (CachingJsonWebTokenHandler Handler, TokenValidationParameters Parameters) Create(SmartSigningKey[] keys, int maxEntries = 10_000, long maxBytes = 32L * 1024 * 1024, SmartOnFhirTelemetry? telemetry = null)
    {
        var options = new SmartResourceServerOptions();
        options.TokenCache.MaxEntries = maxEntries;
        options.TokenCache.MaxMemoryBytes = maxBytes;
        var ring = new SigningKeyRing(keys, keys[0].Algorithm);
        var definition = new AccessTokenDefinition(ring, new SmartServerMetadata(new Smart.AspNetCore.SmartOnFhirOptions { FhirBaseUrl = new Uri(FhirBase) }), new InMemoryAccessTokenDenylist(_time), _time);
        var parameters = definition.CreateValidationParameters(Skew);
        parameters.AuthenticationType = SmartResourceServerDefaults.AccessTokenScheme;
        parameters.NameClaimType = "sub";
        parameters.RoleClaimType = "role";
        return (new CachingJsonWebTokenHandler(new AccessTokenValidationCache(Options.Create(options), _time, telemetry)) { MapInboundClaims = false }, parameters);
    }

    private string Mint(SmartSigningKey key, TimeSpan lifetime, string? padding = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = "user1",
            ["client_id"] = "app",
            ["scope"] = "patient/*.rs launch",
            ["patient"] = "p1",
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (padding is not null)
        {
            claims["pad"] = padding;
        }

        return s_minter.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = FhirBase,
            Audience = FhirBase,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            TokenType = AccessTokenDefinition.TokenType,
            SigningCredentials = key.Credentials,
        });
    }

    private static List<string> Describe(ClaimsIdentity identity)
    {
        var list = new List<string> { identity.GetType().FullName!, identity.AuthenticationType!, identity.NameClaimType, identity.RoleClaimType, identity.Name ?? "" };
        list.AddRange(identity.Claims.Select(c => string.Join('|', c.Type, c.Value, c.ValueType, c.Issuer, c.OriginalIssuer)));
        return list;
    }
}
