using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// <c>private_key_jwt</c> client authentication (CLIENT-3..CLIENT-8, TOKEN-10, TOKEN-11), driven through the backend
/// services grant of the sample's <c>backend-service</c> client (RS384) and the <c>asymmetric-app</c> client (ES384).
/// Every failure is <c>invalid_client</c>, 400 because no Authorization header was used.
/// </summary>
[Collection(SampleEhrCollection.Name)]
public class ClientAssertionTests(SampleEhrFactory factory)
{
    private const string Backend = ClientAssertions.Backend;

    private async Task<TokenResult> BackendTokenAsync(string assertion, string scope = "system/Patient.rs system/Observation.rs")
    {
        using var flow = new SmartFlowClient(factory);
        return await flow.TokenAsync(ClientAssertions.BackendTokenForm(assertion, scope));
    }

    private static void AssertInvalidClient(TokenResult result)
    {
        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_client");
        result.Headers.CacheControl!.NoStore.Should().BeTrue();
        result.Headers.WwwAuthenticate.Should().BeEmpty();
    }

    [Theory] // CLIENT-4: Inferno's assertion (exp = now + 300 s exactly, no iat/nbf) is accepted, for both algorithms.
    [InlineData(ClientAssertions.Backend)]
    [InlineData(ClientAssertions.Asymmetric)]
    public async Task Assertion_ExpAtExactlyFiveMinutes_IsAccepted(string clientId)
    {
        using var flow = new SmartFlowClient(factory);
        var form = clientId == Backend
            ? ClientAssertions.BackendTokenForm(ClientAssertions.Create(clientId, lifetime: TimeSpan.FromSeconds(300)))
            : ClientAssertions.Form(ClientAssertions.Create(clientId), ("grant_type", "authorization_code"), ("code", "no-such-code"), ("redirect_uri", ClientAssertions.AsymmetricRedirect));

        var result = await flow.TokenAsync(form);

        // The backend gets a token; the asymmetric app is authenticated and then fails on its (fake) code.
        if (clientId == Backend)
        {
            result.Status.Should().Be(HttpStatusCode.OK);
        }
        else
        {
            result.Error.Should().Be("invalid_grant");
        }
    }

    [Fact] // CLIENT-4: exp in the past (beyond the 30 s skew).
    public async Task Assertion_Expired_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, now: DateTimeOffset.UtcNow.AddMinutes(-10))));

    [Fact] // CLIENT-4: nbf in the future.
    public async Task Assertion_NotYetValid_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, edit: c => c["nbf"] = DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeSeconds())));

    [Fact] // CLIENT-4: iat in the future.
    public async Task Assertion_IssuedInTheFuture_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, edit: c => c["iat"] = DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeSeconds())));

    [Fact] // CLIENT-4: exp more than 5 minutes (+ skew) ahead.
    public async Task Assertion_LivesTooLong_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, lifetime: TimeSpan.FromSeconds(300 + 60))));

    [Fact] // CLIENT-4: exp is required.
    public async Task Assertion_WithoutExp_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, edit: c => c.Remove("exp"))));

    [Theory] // CLIENT-4: aud must be the token endpoint URL or the issuer exactly.
    [InlineData(SampleEhrFactory.FhirBase + "/")]
    [InlineData(ClientAssertions.TokenEndpoint + "/")]
    [InlineData("HTTP://LOCALHOST/fhir/auth/token")]
    [InlineData("https://other.example.org/auth/token")]
    public async Task Assertion_WrongAudience_IsInvalidClient(string audience) =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, edit: c => c["aud"] = audience)));

    [Fact] // CLIENT-5: a jti is single-use.
    public async Task Assertion_Replayed_IsInvalidClient()
    {
        var assertion = ClientAssertions.Create(Backend);
        (await BackendTokenAsync(assertion)).Status.Should().Be(HttpStatusCode.OK);

        AssertInvalidClient(await BackendTokenAsync(assertion));
    }

    [Fact] // CLIENT-5: jti is required.
    public async Task Assertion_WithoutJti_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, edit: c => c.Remove("jti"))));

    [Fact] // CLIENT-4: alg none is never accepted.
    public async Task Assertion_AlgNone_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Unsigned(Backend, ClientAssertions.PrivateKey(Backend).Kid)));

    [Fact] // CLIENT-4: HMAC is never accepted (no shared secrets for asymmetric clients).
    public async Task Assertion_Hs256_IsInvalidClient()
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = ClientAssertions.PrivateKey(Backend).Kid };

        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, key: key, algorithm: "HS256")));
    }

    [Theory] // CLIENT-4: a signature by another key under the registered kid.
    [InlineData(ClientAssertions.Backend)]
    [InlineData(ClientAssertions.Asymmetric)]
    public async Task Assertion_BadSignature_IsInvalidClient(string clientId)
    {
        using var flow = new SmartFlowClient(factory);
        var assertion = ClientAssertions.Create(clientId, key: ClientAssertions.ImpostorKey(clientId));

        AssertInvalidClient(await flow.TokenAsync(ClientAssertions.Form(assertion, ("grant_type", clientId == Backend ? "client_credentials" : "authorization_code"), ("scope", "system/Patient.rs"))));
    }

    [Fact] // CLIENT-4: the algorithm must fit the key (an ES384 client signing RS384 with an RSA key under its kid).
    public async Task Assertion_AlgorithmDoesNotFitKey_IsInvalidClient()
    {
        using var flow = new SmartFlowClient(factory);
        var rsa = new RsaSecurityKey(RSA.Create(2048)) { KeyId = ClientAssertions.PrivateKey(ClientAssertions.Asymmetric).Kid };
        var assertion = ClientAssertions.Create(ClientAssertions.Asymmetric, key: rsa, algorithm: "RS384");

        AssertInvalidClient(await flow.TokenAsync(ClientAssertions.Form(assertion, ("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", ClientAssertions.AsymmetricRedirect))));
    }

    [Fact] // CLIENT-6: no key with this kid (inline JWKS).
    public async Task Assertion_UnknownKid_IsInvalidClient()
    {
        var key = ClientAssertions.PrivateKey(Backend);
        key.Kid = "no-such-kid";

        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, key: key)));
    }

    [Fact] // CLIENT-4: kid is required.
    public async Task Assertion_WithoutKid_IsInvalidClient()
    {
        var key = ClientAssertions.PrivateKey(Backend);
        key.Kid = null;

        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, key: key)));
    }

    [Fact] // CLIENT-6: a jku that is not the registered JWKS URL (this client has none) fails without being fetched.
    public async Task Assertion_UnregisteredJku_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, header: new Dictionary<string, object> { ["jku"] = "https://attacker.example.org/jwks.json" })));

    [Fact] // CLIENT-4, g10 "invalid iss": unknown client.
    public async Task Assertion_UnknownClient_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, edit: c => c["iss"] = c["sub"] = "no-such-client")));

    [Fact] // CLIENT-4: iss must equal sub.
    public async Task Assertion_IssDiffersFromSub_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, edit: c => c["sub"] = ClientAssertions.Asymmetric)));

    [Fact] // CLIENT-4: a symmetric client cannot use private_key_jwt.
    public async Task Assertion_ForSymmetricClient_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync(ClientAssertions.Create(Backend, edit: c => c["iss"] = c["sub"] = "confidential-app")));

    [Fact] // CLIENT-3: client_id, when sent, must equal iss.
    public async Task Assertion_ClientIdParameterDiffers_IsInvalidClient()
    {
        using var flow = new SmartFlowClient(factory);
        var form = ClientAssertions.BackendTokenForm(ClientAssertions.Create(Backend));
        form["client_id"] = ClientAssertions.Asymmetric;

        AssertInvalidClient(await flow.TokenAsync(form));
    }

    [Fact] // CLIENT-3: client_id equal to iss is fine.
    public async Task Assertion_ClientIdParameterMatches_IsAccepted()
    {
        using var flow = new SmartFlowClient(factory);
        var form = ClientAssertions.BackendTokenForm(ClientAssertions.Create(Backend));
        form["client_id"] = Backend;

        (await flow.TokenAsync(form)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact] // TOKEN-11, SAL 3.2.02, g10: a wrong client_assertion_type is exactly 400.
    public async Task Assertion_WrongAssertionType_IsExactly400()
    {
        using var flow = new SmartFlowClient(factory);
        var form = ClientAssertions.BackendTokenForm(ClientAssertions.Create(Backend));
        form["client_assertion_type"] = "not_an_assertion_type";

        AssertInvalidClient(await flow.TokenAsync(form));
    }

    [Fact] // TOKEN-11, g10: an unknown grant_type with a valid assertion is exactly 400 unsupported_grant_type.
    public async Task Assertion_UnknownGrantType_IsExactly400()
    {
        using var flow = new SmartFlowClient(factory);
        var form = ClientAssertions.BackendTokenForm(ClientAssertions.Create(Backend));
        form["grant_type"] = "not_a_grant_type";

        var result = await flow.TokenAsync(form);

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("unsupported_grant_type");
    }

    [Fact] // CLIENT-3: exactly one method — an assertion together with Basic credentials is refused.
    public async Task Assertion_WithBasicHeader_IsRefused()
    {
        using var flow = new SmartFlowClient(factory);

        var result = await flow.TokenAsync(ClientAssertions.BackendTokenForm(ClientAssertions.Create(Backend)), ClientAssertions.Basic("confidential-app", "confidential-secret"));

        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_request");
    }

    [Fact] // CLIENT-1: an asymmetric client cannot fall back to a public-client request.
    public async Task AsymmetricClient_WithoutAssertion_IsInvalidClient()
    {
        using var flow = new SmartFlowClient(factory);

        AssertInvalidClient(await flow.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = Backend, ["scope"] = "system/Patient.rs" }));
    }

    [Fact] // CLIENT-3: the assertion must be a JWT.
    public async Task Assertion_Garbage_IsInvalidClient() =>
        AssertInvalidClient(await BackendTokenAsync("not-a-jwt"));
}
