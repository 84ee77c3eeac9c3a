using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Signing;
using Smart.AspNetCore.Tests.Signing;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Tests.Token;

public class AuthorizationCodeGrantHandlerTests
{
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SmartClient _client = new() { ClientId = "app", Kind = SmartClientKind.ConfidentialSymmetric, RequirePkce = false };

    private async Task<(AuthorizationCodeGrantHandler Handler, string Code)> IssueAsync(string? challenge)
    {
        var codes = new InMemoryAuthorizationCodeStore(_time);
        var code = SecureValues.CreateHandle();
        await codes.StoreAsync(SecureValues.HashHandle(code), new SmartAuthorizationCode
        {
            Grant = new SmartGrant { GrantId = "g", ClientId = "app", Subject = "u", Scope = "openid" },
            RedirectUri = "https://app.example.org/cb",
            CodeChallenge = challenge,
            ExpiresAt = _time.GetUtcNow().AddSeconds(60),
        }, CancellationToken.None);
        var handler = new AuthorizationCodeGrantHandler(codes, new GrantRevoker(new InMemoryRefreshTokenStore(_time), AccessTokens()), _time, Audit.TestAudit.Dispatcher(_time), NullLogger<AuthorizationCodeGrantHandler>.Instance);
        return (handler, code);
    }

    private AccessTokenDefinition AccessTokens() => new(
        new SigningKeyRing([SigningTestKeys.Rsa()], SmartSigningAlgorithms.RS256),
        new SmartServerMetadata(new SmartOnFhirOptions { FhirBaseUrl = new Uri("https://ehr.example.org/fhir") }),
        new InMemoryAccessTokenDenylist(_time),
        _time);

    private static OAuthRequest Request(string code, string? verifier)
    {
        var form = new Dictionary<string, StringValues> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "https://app.example.org/cb" };
        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return OAuthRequest.Parse(form);
    }

    [Fact] // TOKEN-5: a verifier for a code issued without a challenge is a downgrade attempt.
    public async Task HandleAsync_VerifierForCodeWithoutChallenge_IsInvalidGrant()
    {
        var (handler, code) = await IssueAsync(challenge: null);

        var result = await handler.HandleAsync(Request(code, Verifier), _client, CancellationToken.None);

        result.Succeeded.Should().BeFalse();
        result.Error!.Error.Should().Be(OAuthErrorCodes.InvalidGrant);
    }

    [Fact] // A client registered without PKCE (confidential, not recommended) redeems without a verifier.
    public async Task HandleAsync_NoChallengeNoVerifier_Succeeds()
    {
        var (handler, code) = await IssueAsync(challenge: null);

        (await handler.HandleAsync(Request(code, null), _client, CancellationToken.None)).Succeeded.Should().BeTrue();
    }

    [Fact] // TOKEN-4
    public async Task HandleAsync_MatchingVerifier_Succeeds()
    {
        var (handler, code) = await IssueAsync(Pkce.CreateChallenge(Verifier));

        var result = await handler.HandleAsync(Request(code, Verifier), _client, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Value!.Grant.GrantId.Should().Be("g");
    }
}
