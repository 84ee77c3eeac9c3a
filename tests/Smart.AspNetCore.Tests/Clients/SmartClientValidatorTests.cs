using Smart.AspNetCore.Clients;

namespace Smart.AspNetCore.Tests.Clients;

public class SmartClientValidatorTests
{
    private const string PublicJwks = """{"keys":[{"kty":"EC","kid":"k1","crv":"P-384","x":"m2nCaT4v3Q4nZ7kBhnJ8XVaGgqLfbzZeNMBrGbE0yrb8mq6gjWiPjJvL8c1Rjg2g","y":"RvTJHRnNtxb7zUaKOpTPOPcb0Lx8cD4IaFF7AMZJmVGhIuT8QzQUUx4wnpkHfSRA"}]}""";

    private static SmartClient Public() => new()
    {
        ClientId = "growth-chart",
        RedirectUris = { "https://app.example.org/callback" },
        AllowedScopes = { "launch", "openid", "patient/*.rs" },
    };

    [Fact]
    public void Validate_WellFormedPublicClient_HasNoProblems()
    {
        SmartClientValidator.Validate(Public()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("https://app.example.org/cb*", "redirect URIs must be absolute")]
    [InlineData("https://app.example.org/cb#frag", "redirect URIs must be absolute")]
    [InlineData("http://app.example.org/cb", "redirect URIs must be absolute")]
    [InlineData("/relative/cb", "redirect URIs must be absolute")]
    [InlineData("myapp:/cb", "redirect URIs must be absolute")]
    public void Validate_BadRedirectUri_IsReported(string redirectUri, string message)
    {
        var client = Public();
        client.RedirectUris.Add(redirectUri);

        SmartClientValidator.Validate(client).Should().ContainSingle().Which.Should().Contain(message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/cb")]
    [InlineData("http://localhost/cb")]
    [InlineData("http://[::1]:9000/cb")]
    [InlineData("com.example.app:/oauth2redirect")]
    public void Validate_NativeAppRedirectUri_IsAccepted(string redirectUri)
    {
        var client = Public();
        client.RedirectUris.Add(redirectUri);

        SmartClientValidator.Validate(client).Should().BeEmpty();
    }

    [Fact]
    public void Validate_PublicClientWithoutPkce_IsReported()
    {
        var client = Public();
        client.RequirePkce = false;

        SmartClientValidator.Validate(client).Should().ContainSingle().Which.Should().Contain("Public clients must require PKCE");
    }

    [Fact]
    public void Validate_PublicClientWithSecret_IsReported()
    {
        var client = Public();
        client.Secrets.Add(SmartClientSecret.FromPlainText("a-long-enough-secret"));

        SmartClientValidator.Validate(client).Should().ContainSingle().Which.Should().Contain("Public clients have no secrets");
    }

    [Fact]
    public void Validate_SymmetricClientWithoutSecretOrWithRawSecret_IsReported()
    {
        var client = Public();
        client.Kind = SmartClientKind.ConfidentialSymmetric;
        SmartClientValidator.Validate(client).Should().ContainSingle().Which.Should().Contain("need at least one secret");

        client.Secrets.Add(new SmartClientSecret { Sha256 = "confidential-secret" });
        SmartClientValidator.Validate(client).Should().ContainSingle().Which.Should().Contain("base64 SHA-256 hash");
    }

    [Fact]
    public void Validate_AsymmetricClient_NeedsPublicKeysOnly()
    {
        var client = Public();
        client.Kind = SmartClientKind.ConfidentialAsymmetric;
        SmartClientValidator.Validate(client).Should().ContainSingle().Which.Should().Contain("need Jwks or JwksUri");

        client.Jwks = PublicJwks;
        SmartClientValidator.Validate(client).Should().BeEmpty();

        client.Jwks = """{"keys":[{"kty":"oct","kid":"k","k":"c2VjcmV0"}]}""";
        SmartClientValidator.Validate(client).Should().Contain(p => p.Contains("only RSA and EC keys", StringComparison.Ordinal));

        client.Jwks = "not json";
        SmartClientValidator.Validate(client).Should().ContainSingle().Which.Should().Contain("not a valid JSON Web Key Set");
    }

    [Fact]
    public void Validate_BackendService_UsesClientCredentialsOnlyAndNoRedirects()
    {
        var client = new SmartClient { ClientId = "backend", Kind = SmartClientKind.BackendService, Jwks = PublicJwks, AllowedScopes = { "system/*.rs" } };
        SmartClientValidator.Validate(client).Should().BeEmpty();
        client.GetEffectiveGrantTypes().Should().Equal(SmartGrantTypes.ClientCredentials);

        client.RedirectUris.Add("https://backend.example.org/cb");
        client.AllowedGrantTypes.Add(SmartGrantTypes.AuthorizationCode);
        var problems = SmartClientValidator.Validate(client);

        problems.Should().Contain(p => p.Contains("BackendService clients have no redirect URIs", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("may only use client_credentials", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EveryProblem_IsReported()
    {
        var client = new SmartClient
        {
            ClientId = "has space",
            AllowedScopes = { "patient/*.dus" },
            AllowedGrantTypes = { "password", SmartGrantTypes.ClientCredentials },
            AllowedCorsOrigins = { "https://app.example.org/path" },
            LaunchUrl = "ftp://app.example.org/launch",
        };

        var problems = SmartClientValidator.Validate(client);

        problems.Should().Contain(p => p.StartsWith("ClientId must be", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("'password', which is not supported", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("Only BackendService clients may use client_credentials", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("'patient/*.dus', which is not a valid SMART scope", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("is not an origin", StringComparison.Ordinal));
        problems.Should().Contain(p => p.StartsWith("LaunchUrl must be", StringComparison.Ordinal));
    }

    [Fact]
    public void FromPlainText_ShortSecret_Throws()
    {
        var act = () => SmartClientSecret.FromPlainText("short");

        act.Should().Throw<ArgumentException>().WithMessage("*at least 16 characters*");
    }

    [Fact] // SEC-4: secrets are kept as a SHA-256 hash, never in plain text.
    public void FromPlainText_StoresOnlyTheSha256()
    {
        var secret = SmartClientSecret.FromPlainText("confidential-secret");

        secret.Sha256.Should().Be(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("confidential-secret"u8)));
        secret.Sha256.Should().NotContain("confidential");
    }

    [Fact]
    public void GenerateSecret_Returns256BitBase64Url()
    {
        var secret = SmartClientSecret.GenerateSecret();

        secret.Should().HaveLength(43).And.MatchRegex("^[A-Za-z0-9_-]+$");
        SmartClientSecret.GenerateSecret().Should().NotBe(secret);
    }
}
