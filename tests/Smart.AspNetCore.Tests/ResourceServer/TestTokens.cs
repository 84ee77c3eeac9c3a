using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>Mints access tokens in the format of <c>TokenIssuer</c> (RFC 9068), with knobs to break each property.</summary>
internal static class TestTokens
{
    public const string FhirBase = "https://ehr.test/fhir";

    private static readonly JsonWebTokenHandler s_handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Create(
        SigningCredentials credentials,
        string scope,
        string? patient = null,
        string? encounter = null,
        string issuer = FhirBase,
        string audience = FhirBase,
        string type = "at+jwt",
        TimeSpan? expiresIn = null,
        string clientId = "app",
        bool breakGlass = false)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(5));
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = "user1",
            ["client_id"] = clientId,
            ["scope"] = scope,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (patient is not null)
        {
            claims["patient"] = patient;
        }

        if (encounter is not null)
        {
            claims["encounter"] = encounter;
        }

        if (breakGlass)
        {
            claims["break_glass"] = true;
        }

        return s_handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            Claims = claims,
            TokenType = type,
            SigningCredentials = credentials,
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>).</summary>
    public static string Unsigned(string scope, string? patient = null)
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var header = Encode("""{"alg":"none","typ":"at+jwt"}""");
        var payload = Encode($$"""{"iss":"{{FhirBase}}","aud":"{{FhirBase}}","sub":"user1","client_id":"app","scope":"{{scope}}","patient":"{{patient}}","exp":{{exp}}}""");
        return header + "." + payload + ".";
    }
}
