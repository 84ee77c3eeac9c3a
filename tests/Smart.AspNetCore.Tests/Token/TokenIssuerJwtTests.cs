using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Events;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Scopes;
using Smart.AspNetCore.Signing;
using Smart.AspNetCore.Tests.Generated;
using Smart.AspNetCore.Tests.Signing;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Tests.Token;

/// <summary>
/// The token issuer writes its JWTs with <see cref="JwtWriter"/> (issue 14): the tokens must be the ones
/// <see cref="JsonWebTokenHandler"/> made before — same header (alg, kid, typ), same claims with the same value types —
/// and must validate with the library's own access-token validation parameters (TOKEN-9, RS-1) and OpenID Connect's
/// id_token checks (OIDC-1, OIDC-2).
/// </summary>
public sealed class TokenIssuerJwtTests
{
    private static readonly JsonWebTokenHandler s_handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
    private readonly SmartOnFhirOptions _options = new() { FhirBaseUrl = new Uri("https://ehr.example.org/fhir") };

    private static readonly SmartSigningKey s_rsa = SigningTestKeys.Rsa("rs-1");
    private static readonly SmartSigningKey s_ec = SigningTestKeys.Ec("es-1");

    public static TheoryData<string> Algorithms => new() { SmartSigningAlgorithms.ES256, SmartSigningAlgorithms.RS256 };

    private static SigningKeyRing Ring(string accessTokenAlgorithm) => new([s_rsa, s_ec], accessTokenAlgorithm);

    private TokenIssuer Issuer(SigningKeyRing ring) => new(
        ring, new SmartServerMetadata(_options), new InMemoryRefreshTokenStore(_time), new InMemoryConsentStore(_time), Options.Create(_options), _time);

    private AccessTokenDefinition Definition(SigningKeyRing ring) => new(ring, new SmartServerMetadata(_options), new InMemoryAccessTokenDenylist(_time), _time);

    private SmartGrant Grant(string subject = "clinician \"one\"", string patient = "peds-001", string fhirUser = "Practitioner/prac-001") => new()
    {
        GrantId = "grant-1",
        ClientId = "app",
        Subject = subject,
        SessionId = "s1",
        Scope = "launch openid fhirUser profile patient/*.rs",
        FhirUser = fhirUser,
        AuthTime = _time.GetUtcNow().AddMinutes(-3),
        BreakGlass = true,
        LaunchContext = new SmartLaunchContext { Patient = patient, Encounter = "enc-9" },
    };

    private static SmartTokenIssuingContext Issuing(SmartGrant grant, string grantType = SmartGrantTypes.AuthorizationCode) =>
        new(new DefaultHttpContext(), new SmartClient { ClientId = grant.ClientId }, grant, grantType);

    /// <summary>The access token as the issuer made it with JsonWebTokenHandler before issue 14, with the new token's random jti.</summary>
    private string ReferenceAccessToken(SigningKeyRing ring, SmartGrant grant, JsonWebToken issued, IDictionary<string, object> extra)
    {
        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = grant.Subject,
            ["client_id"] = grant.ClientId,
            ["scope"] = issued.GetPayloadValue<string>("scope"),
            ["jti"] = issued.Id,
            [AccessTokenDefinition.GrantClaim] = AccessTokenDefinition.GrantHash(grant.GrantId),
            ["auth_time"] = grant.AuthTime!.Value.ToUnixTimeSeconds(),
            ["patient"] = grant.LaunchContext!.Patient!,
            ["encounter"] = grant.LaunchContext.Encounter!,
            ["fhirUser"] = grant.FhirUser!,
            [SmartBreakGlass.Claim] = true,
        };
        foreach (var (name, value) in extra)
        {
            claims[name] = value;
        }

        return s_handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://ehr.example.org/fhir",
            Audience = "https://ehr.example.org/fhir",
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + _options.Lifetimes.AccessToken).UtcDateTime,
            Claims = claims,
            TokenType = AccessTokenDefinition.TokenType,
            SigningCredentials = ring.AccessTokenKey.Credentials,
        });
    }

    private static string[] ClaimsOf(JsonWebToken token)
    {
        var claims = new List<string>();
        foreach (var claim in token.Claims)
        {
            claims.Add($"{claim.Type}|{claim.ValueType}|{claim.Value}");
        }

        claims.Sort(StringComparer.Ordinal);
        return [.. claims];
    }

    private static void HeadersShouldMatch(JsonWebToken actual, JsonWebToken expected)
    {
        actual.Alg.Should().Be(expected.Alg);
        actual.Kid.Should().Be(expected.Kid);
        actual.Typ.Should().Be(expected.Typ);
        JsonDocument.Parse(Base64UrlEncoder.Decode(actual.EncodedHeader)).RootElement.EnumerateObject().Select(p => p.Name)
            .Should().Equal(JsonDocument.Parse(Base64UrlEncoder.Decode(expected.EncodedHeader)).RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Theory] // TOKEN-9, RS-1: the writer's access token is the handler's, claim for claim, and validates as before.
    [MemberData(nameof(Algorithms))]
    public async Task AccessToken_SameClaimsAndHeaderAsJsonWebTokenHandler_AndValidates(string algorithm)
    {
        var ring = Ring(algorithm);
        var grant = Grant();
        var issuing = Issuing(grant);
        issuing.AccessTokenClaims["tenant"] = "north </script> \"wing\"";
        issuing.AccessTokenClaims["level"] = 3;
        issuing.AccessTokenClaims["big"] = 9_007_199_254_740_993L;
        issuing.AccessTokenClaims["flag"] = false;
        issuing.AccessTokenClaims["roles"] = new[] { "nurse", "é\\漢" };
        issuing.AccessTokenClaims["obj"] = JsonDocument.Parse("""{"a":[1,2,{"b":null}],"c":"d"}""").RootElement;
        issuing.AccessTokenClaims["sub"] = "ignored: registered claim";

        var tokens = await Issuer(ring).IssueAsync(issuing, SmartScopeSet.Parse(grant.Scope), nonce: null, CancellationToken.None);

        var issued = new JsonWebToken(tokens.AccessToken.ToString());
        var extra = new Dictionary<string, object>(issuing.AccessTokenClaims, StringComparer.Ordinal);
        extra.Remove("sub");
        var reference = new JsonWebToken(ReferenceAccessToken(ring, grant, issued, extra));
        HeadersShouldMatch(issued, reference);
        issued.Alg.Should().Be(algorithm);
        issued.Kid.Should().Be(algorithm == SmartSigningAlgorithms.ES256 ? "es-1" : "rs-1");
        issued.Typ.Should().Be("at+jwt");
        ClaimsOf(issued).Should().Equal(ClaimsOf(reference));
        issued.Subject.Should().Be("clinician \"one\"");

        var result = await s_handler.ValidateTokenAsync(tokens.AccessToken.ToString(), Definition(ring).CreateValidationParameters(TimeSpan.Zero));
        result.IsValid.Should().BeTrue(result.Exception?.Message);
        (await s_handler.ValidateTokenAsync(reference.EncodedToken, Definition(ring).CreateValidationParameters(TimeSpan.Zero))).IsValid.Should().BeTrue();
    }

    [Fact] // OIDC-1, OIDC-2, OIDC-6: the id_token is RS256, typ JWT, and carries what the handler wrote.
    public async Task IdToken_SameClaimsAndHeaderAsJsonWebTokenHandler_AndValidates()
    {
        var ring = Ring(SmartSigningAlgorithms.ES256);
        var grant = Grant();
        var tokens = await Issuer(ring).IssueAsync(Issuing(grant), SmartScopeSet.Parse(grant.Scope), nonce: "n\"\\\u2028-0", CancellationToken.None);

        var issued = new JsonWebToken(tokens.IdToken!.ToString());
        var now = _time.GetUtcNow();
        var reference = new JsonWebToken(s_handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://ehr.example.org/fhir",
            Audience = "app",
            IssuedAt = now.UtcDateTime,
            Expires = (now + _options.Lifetimes.IdToken).UtcDateTime,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["sub"] = grant.Subject,
                ["nonce"] = "n\"\\\u2028-0",
                ["auth_time"] = grant.AuthTime!.Value.ToUnixTimeSeconds(),
                ["fhirUser"] = "https://ehr.example.org/fhir/Practitioner/prac-001",
                ["profile"] = "https://ehr.example.org/fhir/Practitioner/prac-001",
            },
            TokenType = "JWT",
            SigningCredentials = ring.IdTokenKey.Credentials,
        }));
        HeadersShouldMatch(issued, reference);
        issued.Alg.Should().Be(SmartSigningAlgorithms.RS256);
        ClaimsOf(issued).Should().Equal(ClaimsOf(reference));

        var result = await s_handler.ValidateTokenAsync(tokens.IdToken!.ToString(), new TokenValidationParameters
        {
            ValidIssuer = "https://ehr.example.org/fhir",
            ValidAudience = "app",
            IssuerSigningKeys = ring.ValidationKeys,
            ValidAlgorithms = [SmartSigningAlgorithms.RS256],
            ValidTypes = ["JWT"],
            LifetimeValidator = (notBefore, expires, _, _) => expires > now.UtcDateTime,
        });
        result.IsValid.Should().BeTrue(result.Exception?.Message);
    }

    [Fact] // A host claim of a type the writer does not handle (here a DateTime) still goes out as the handler writes it.
    public async Task AccessToken_HostClaimOfOtherType_IsWrittenByTheHandler()
    {
        var ring = Ring(SmartSigningAlgorithms.ES256);
        var grant = Grant();
        var issuing = Issuing(grant);
        var when = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        issuing.AccessTokenClaims["when"] = when;
        issuing.AccessTokenClaims["ratio"] = 0.5;

        var tokens = await Issuer(ring).IssueAsync(issuing, SmartScopeSet.Parse(grant.Scope), nonce: null, CancellationToken.None);

        var issued = new JsonWebToken(tokens.AccessToken.ToString());
        var reference = new JsonWebToken(ReferenceAccessToken(ring, grant, issued, new Dictionary<string, object> { ["when"] = when, ["ratio"] = 0.5 }));
        ClaimsOf(issued).Should().Equal(ClaimsOf(reference));
        (await s_handler.ValidateTokenAsync(tokens.AccessToken.ToString(), Definition(ring).CreateValidationParameters(TimeSpan.Zero))).IsValid.Should().BeTrue();
    }

    [Fact] // Generated claim values full of characters JSON must escape: the writer and the handler agree on every one.
    public void AccessToken_GeneratedClaimValues_MatchTheHandlerAndValidate()
    {
        var ring = Ring(SmartSigningAlgorithms.ES256);
        var issuer = Issuer(ring);
        var parameters = Definition(ring).CreateValidationParameters(TimeSpan.Zero);
        Gen.Select(Generators.Text(30), Generators.Text(30), Generators.Text(30), Generators.Text(20)).Sample((subject, patient, fhirUser, extra) =>
        {
            var grant = Grant(subject, patient, fhirUser);
            var issuing = Issuing(grant, SmartGrantTypes.RefreshToken);
            issuing.AccessTokenClaims["x-extra"] = extra;
            string? token = null;
            Exception? writerFailure = null;
            try
            {
                token = issuer.IssueAsync(issuing, SmartScopeSet.Parse(grant.Scope), nonce: null, CancellationToken.None).GetAwaiter().GetResult().AccessToken.ToString();
            }
            catch (ArgumentException e)
            {
                writerFailure = e;
            }

            if (writerFailure is not null)
            {
                // Text that is not valid UTF-16 (a lone surrogate) cannot be written as JSON by either writer.
                var jti = new JsonWebToken(issuer.IssueAsync(Issuing(Grant()), SmartScopeSet.Parse(grant.Scope), null, CancellationToken.None).GetAwaiter().GetResult().AccessToken.ToString());
                var handlerFailed = false;
                try
                {
                    ReferenceAccessToken(ring, grant, jti, new Dictionary<string, object> { ["x-extra"] = extra });
                }
                catch (ArgumentException)
                {
                    handlerFailed = true;
                }

                handlerFailed.Should().BeTrue($"the writer refused a value the handler accepted: {writerFailure.Message}");
                return;
            }

            var issued = new JsonWebToken(token!);
            if (WellFormed(subject) && WellFormed(patient) && WellFormed(fhirUser) && WellFormed(extra))
            {
                issued.Subject.Should().Be(subject);
                issued.GetPayloadValue<string>("patient").Should().Be(patient);
                issued.GetPayloadValue<string>("fhirUser").Should().Be(fhirUser);
                issued.GetPayloadValue<string>("x-extra").Should().Be(extra);
            }

            var reference = new JsonWebToken(ReferenceAccessToken(ring, grant, issued, new Dictionary<string, object> { ["x-extra"] = extra }));
            ClaimsOf(issued).Should().Equal(ClaimsOf(reference));
            s_handler.ValidateTokenAsync(token!, parameters).GetAwaiter().GetResult().IsValid.Should().BeTrue();
        }, iter: 200);
    }

    /// <summary>Whether <paramref name="text"/> is valid UTF-16 (JSON encoders replace a lone surrogate with U+FFFD).</summary>
    private static bool WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
