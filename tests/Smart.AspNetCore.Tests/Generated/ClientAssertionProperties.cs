using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Tests.Generated;

/// <summary>
/// Generated-input properties of the client-assertion reader (CLIENT-3..CLIENT-6): forged, truncated and mangled JWTs
/// never throw, never authenticate, are always <c>invalid_client</c>, and the description never echoes the assertion.
/// </summary>
public sealed class ClientAssertionProperties
{
    private const string ClientId = "asymmetric-app";
    private const string TokenEndpoint = "https://ehr.example.org/fhir/auth/token";
    private static readonly FakeTimeProvider s_time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly Gen<string> s_segment = Gen.Frequency(
        (3, Gen.Byte.Array[0, 64].Select(static b => Base64UrlEncoder.Encode(b))),
        (1, Generators.Text(20)),
        (1, Gen.Const(string.Empty)));

    private static readonly Gen<string> s_header = Gen.Select(
        Generators.OneOf("ES384", "RS384", "RS256", "ES256", "none", "HS256", "dir", ""),
        Generators.OneOf("k1", "other", ""),
        Generators.OneOf("JWT", "at+jwt", ""),
        Gen.Bool,
        static (alg, kid, typ, jku) => Json(new Dictionary<string, object?>
        {
            ["alg"] = alg,
            ["kid"] = kid.Length == 0 ? null : kid,
            ["typ"] = typ.Length == 0 ? null : typ,
            ["jku"] = jku ? "https://attacker.example/jwks.json" : null,
        }));

    private static readonly Gen<string> s_payload = Gen.Select(
        Generators.OneOf(ClientId, "unknown-client", "backend-service", ""),
        Generators.OneOf(ClientId, "someone-else"),
        Generators.OneOf(TokenEndpoint, TokenEndpoint + "/", "https://ehr.example.org/fhir", ""),
        Gen.Long[-10_000_000_000, 10_000_000_000],
        Generators.OneOf("jti-1", ""),
        static (iss, sub, aud, exp, jti) => Json(new Dictionary<string, object?>
        {
            ["iss"] = iss,
            ["sub"] = sub,
            ["aud"] = aud,
            ["exp"] = exp,
            ["jti"] = jti.Length == 0 ? null : jti,
        }));

    private static readonly Gen<string> s_assertion = Gen.Frequency(
        (4, Gen.Select(s_header, s_payload, s_segment, static (h, p, s) => Base64UrlEncoder.Encode(h) + "." + Base64UrlEncoder.Encode(p) + "." + s)),
        (2, Gen.Select(s_header, s_payload, s_segment, Gen.Int[0, 400], static (h, p, s, cut) =>
        {
            var jwt = Base64UrlEncoder.Encode(h) + "." + Base64UrlEncoder.Encode(p) + "." + s;
            return jwt[..Math.Min(cut, jwt.Length)];
        })),
        (1, Gen.Select(s_segment, s_segment, s_segment, s_segment, s_segment, static (a, b, c, d, e) => string.Join('.', a, b, c, d, e))),
        (1, Generators.Text(80)));

    [Fact] // CLIENT-3, CLIENT-4: nothing without the client's private key authenticates, and nothing throws.
    public void Validate_ForgedOrMalformedAssertion_IsInvalidClient()
    {
        var validator = CreateValidator();
        s_assertion.Sample(assertion =>
        {
            var result = validator.ValidateAsync(assertion, null, CancellationToken.None).GetAwaiter().GetResult();

            result.Succeeded.Should().BeFalse();
            result.Error!.Error.Should().Be(OAuthErrorCodes.InvalidClient);
            if (assertion.Length >= 8)
            {
                result.Error.Description.Should().NotContain(assertion);
            }
        }, iter: 3000);
    }

    private static ClientAssertionValidator CreateValidator()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(key.ExportParameters(false))));
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = "k1", alg = "ES384", use = "sig" } } });
        var client = new SmartClient { ClientId = ClientId, Kind = SmartClientKind.ConfidentialAsymmetric, Jwks = jwks };
        var options = new SmartOnFhirOptions { FhirBaseUrl = new Uri("https://ehr.example.org/fhir") };
        return new ClientAssertionValidator(
            new InMemoryClientRegistry([client]),
            new ClientJwksProvider(new NoHttp(), s_time, NullLogger<ClientJwksProvider>.Instance),
            new InMemoryClientAssertionReplayCache(s_time),
            new SmartServerMetadata(options),
            s_time,
            NullLogger<ClientAssertionValidator>.Instance);
    }

    private static string Json(Dictionary<string, object?> members) =>
        JsonSerializer.Serialize(members.Where(m => m.Value is not null).ToDictionary(m => m.Key, m => m.Value));

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("No JWKS is fetched in this test.");
    }
}
