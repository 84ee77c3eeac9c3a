using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>Validates tokens against the server's published JWKS, as an app or a resource server would.</summary>
internal static class Jwt
{
    public static async Task<TokenValidationResult> ValidateAsync(HttpClient client, string token, string audience, string? type = null)
    {
        var jwks = new JsonWebKeySet(await client.GetStringAsync(new Uri("/fhir/.well-known/jwks.json", UriKind.Relative)));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = SampleEhrFactory.FhirBase,
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = type is null ? null : [type],
            ClockSkew = TimeSpan.Zero,
        });
    }

    public static JsonElement Payload(string token)
    {
        var jwt = new JsonWebToken(token);
        return JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload)).RootElement.Clone();
    }
}
