using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>Builds <c>private_key_jwt</c> client assertions (RFC 7523) with the sample's demo keys, as Inferno does.</summary>
internal static class ClientAssertions
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    public const string TokenEndpoint = SampleEhrFactory.FhirBase + "/auth/token";
    public const string Asymmetric = "asymmetric-app";
    public const string AsymmetricRedirect = SampleEhrFactory.Origin + "/apps/asymmetric/callback";
    public const string Backend = "backend-service";

    private static readonly JsonWebTokenHandler s_handler = new() { SetDefaultTimesOnTokenCreation = false };
    private static readonly Lazy<string> s_keysFolder = new(FindKeysFolder);

    /// <summary>The private JWK of a demo client, read from <c>samples/Smart.Sample.Ehr/demo-keys/</c>.</summary>
    public static JsonWebKey PrivateKey(string clientId) => new(File.ReadAllText(PrivateKeyFile(clientId)));

    /// <summary>The file holding a demo client's private JWK (for clients run out of process).</summary>
    public static string PrivateKeyFile(string clientId) => Path.Combine(s_keysFolder.Value, $"{clientId}.private.jwk.json");

    public static string AlgorithmOf(string clientId) => clientId == Asymmetric ? "ES384" : "RS384";

    /// <summary>
    /// An assertion for <paramref name="clientId"/> signed with its demo key: claims <c>iss</c>, <c>sub</c>, <c>aud</c>,
    /// <c>jti</c>, <c>exp</c> = now + <paramref name="lifetime"/> (default 300 s, like Inferno). <paramref name="edit"/>
    /// changes the claims; <paramref name="key"/> and <paramref name="algorithm"/> override the signer.
    /// </summary>
    public static string Create(
        string clientId,
        DateTimeOffset? now = null,
        TimeSpan? lifetime = null,
        Action<Dictionary<string, object>>? edit = null,
        SecurityKey? key = null,
        string? algorithm = null,
        IDictionary<string, object>? header = null)
    {
        var issuedAt = now ?? DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = TokenEndpoint,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["exp"] = (issuedAt + (lifetime ?? TimeSpan.FromSeconds(300))).ToUnixTimeSeconds(),
        };
        edit?.Invoke(claims);
        return s_handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            TokenType = "JWT",
            AdditionalHeaderClaims = header,
            SigningCredentials = new SigningCredentials(key ?? PrivateKey(clientId), algorithm ?? AlgorithmOf(clientId)),
        });
    }

    /// <summary>An unsigned (<c>alg: none</c>) assertion.</summary>
    public static string Unsigned(string clientId, string kid)
    {
        var header = JsonSerializer.Serialize(new Dictionary<string, object> { ["alg"] = "none", ["kid"] = kid, ["typ"] = "JWT" });
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = TokenEndpoint,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(4).ToUnixTimeSeconds(),
        });
        return Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header)) + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload)) + ".";
    }

    /// <summary>A fresh key of the same type as the client's, under the client's <c>kid</c> (a forged signature).</summary>
    public static SecurityKey ImpostorKey(string clientId) => clientId == Asymmetric
        ? new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)) { KeyId = PrivateKey(clientId).Kid }
        : new RsaSecurityKey(RSA.Create(2048)) { KeyId = PrivateKey(clientId).Kid };

    /// <summary>The form parameters that authenticate with <paramref name="assertion"/>.</summary>
    public static Dictionary<string, string> Form(string assertion, params (string Name, string Value)[] parameters)
    {
        var form = new Dictionary<string, string>
        {
            ["client_assertion_type"] = AssertionType,
            ["client_assertion"] = assertion,
        };
        foreach (var (name, value) in parameters)
        {
            form[name] = value;
        }

        return form;
    }

    /// <summary>A backend services token request (BACKEND-1).</summary>
    public static Dictionary<string, string> BackendTokenForm(string assertion, string scope = "system/Patient.rs system/Observation.rs") =>
        Form(assertion, ("grant_type", "client_credentials"), ("scope", scope));

    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    private static string FindKeysFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "Smart.Sample.Ehr", "demo-keys");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("samples/Smart.Sample.Ehr/demo-keys not found above the test output folder.");
    }
}
