using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.ResourceServer;

namespace Smart.AspNetCore.Benchmarks;

/// <summary>
/// Validating one access token as the bearer scheme does: the default <see cref="JsonWebTokenHandler"/> (what bare
/// JwtBearer runs per request) against the validated-token cache's handler on a repeated token (hash, lookup, lifetime
/// check, a fresh claims identity).
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private const string FhirBase = "https://ehr.example.org/fhir";
    private readonly JsonWebTokenHandler _bare = new() { MapInboundClaims = false };
    private CachingJsonWebTokenHandler _cached = null!;
    private TokenValidationParameters _parameters = null!;
    private string _token = string.Empty;

    [Params("ES256", "RS256")]
    public string Algorithm { get; set; } = "ES256";

    [GlobalSetup]
    public void Setup()
    {
        SecurityKey key = Algorithm == "ES256"
            ? new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "k" }
            : new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k" };
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = FhirBase,
            ValidAudience = FhirBase,
            IssuerSigningKeys = [key],
            ValidAlgorithms = [Algorithm],
            ValidTypes = ["at+jwt"],
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            AuthenticationType = SmartResourceServerDefaults.AccessTokenScheme,
            NameClaimType = "sub",
            RoleClaimType = "role",
        };
        _token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = FhirBase,
            Audience = FhirBase,
            Expires = DateTime.UtcNow.AddHours(1),
            TokenType = "at+jwt",
            Claims = new Dictionary<string, object> { ["sub"] = "u1", ["client_id"] = "app", ["scope"] = "launch openid fhirUser patient/*.rs", ["patient"] = "p1", ["jti"] = Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(key, Algorithm),
        });
        _cached = new CachingJsonWebTokenHandler(new AccessTokenValidationCache(Options.Create(new SmartResourceServerOptions()), TimeProvider.System)) { MapInboundClaims = false };
        if (!_cached.ValidateTokenAsync(_token, _parameters).GetAwaiter().GetResult().IsValid)
        {
            throw new InvalidOperationException("The benchmark token does not validate.");
        }
    }

    /// <summary>What bare JwtBearer does per request: parse, verify the signature, validate claims, build the identity.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> BareJsonWebTokenHandler()
    {
        var result = await _bare.ValidateTokenAsync(_token, _parameters);
        return result.ClaimsIdentity.Claims.Count();
    }

    /// <summary>The same token again through the validated-token cache.</summary>
    [Benchmark]
    public async Task<int> CachedRepeatedToken()
    {
        var result = await _cached.ValidateTokenAsync(_token, _parameters);
        return result.ClaimsIdentity.Claims.Count();
    }
}
