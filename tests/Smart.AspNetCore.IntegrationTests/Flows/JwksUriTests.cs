using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Client keys fetched from a registered <c>jwks_uri</c> (CLIENT-2, CLIENT-6, CLIENT-7, SEC-8), against a local stub.</summary>
public class JwksUriTests(JwksUriSampleEhrFactory factory) : IClassFixture<JwksUriSampleEhrFactory>
{
    private async Task<TokenResult> TokenAsync(string name, SecurityKey? key = null, IDictionary<string, object>? header = null)
    {
        var clientId = JwksUriSampleEhrFactory.ClientId(name);
        var assertion = ClientAssertions.Create(
            clientId,
            now: factory.Clock.GetUtcNow(),
            key: key ?? ClientAssertions.PrivateKey(ClientAssertions.Backend),
            algorithm: "RS384",
            header: header);
        using var flow = new SmartFlowClient(factory);
        return await flow.TokenAsync(ClientAssertions.BackendTokenForm(assertion, "system/Patient.rs"));
    }

    private static void AssertInvalidClient(TokenResult result)
    {
        result.Status.Should().Be(HttpStatusCode.BadRequest);
        result.Error.Should().Be("invalid_client");
    }

    private static RsaSecurityKey OtherKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private static string PublicJwks(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(false);
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = key.KeyId, alg = "RS384", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
    }

    [Fact] // CLIENT-2: fetched with GET and Accept application/json, then cached (CLIENT-7).
    public async Task JwksUri_ValidAssertion_FetchesOnceThenUsesCache()
    {
        var url = JwksUriSampleEhrFactory.Url("cached");
        factory.Stub.Serve(url, JwksUriSampleEhrFactory.BackendPublicJwks());

        (await TokenAsync("cached")).Status.Should().Be(HttpStatusCode.OK);
        (await TokenAsync("cached")).Status.Should().Be(HttpStatusCode.OK);

        factory.Stub.Requests(url).Should().Be(1);
        factory.Stub.AcceptHeaders.Should().Contain(a => a.Contains("application/json", StringComparison.Ordinal));
    }

    [Fact] // CLIENT-6: an unknown kid is fetched once, then refused without hammering the client's server.
    public async Task JwksUri_UnknownKid_FetchedOnceThenRefused()
    {
        var url = JwksUriSampleEhrFactory.Url("unknown-kid");
        factory.Stub.Serve(url, JwksUriSampleEhrFactory.BackendPublicJwks());
        var stranger = OtherKey("not-registered");

        AssertInvalidClient(await TokenAsync("unknown-kid", stranger));
        AssertInvalidClient(await TokenAsync("unknown-kid", stranger));

        factory.Stub.Requests(url).Should().Be(1);
        (await TokenAsync("unknown-kid")).Status.Should().Be(HttpStatusCode.OK);
        factory.Stub.Requests(url).Should().Be(1);
    }

    [Fact] // CLIENT-6, key rotation: a new kid triggers one re-fetch of a still-cached set (rate-limited to every 30 s).
    public async Task JwksUri_RotatedKey_IsPickedUpByRefetch()
    {
        var url = JwksUriSampleEhrFactory.Url("rotation");
        var next = OtherKey("rotation-2");
        factory.Stub.Serve(url, JwksUriSampleEhrFactory.BackendPublicJwks());
        (await TokenAsync("rotation")).Status.Should().Be(HttpStatusCode.OK);

        factory.Stub.Serve(url, PublicJwks(next));
        AssertInvalidClient(await TokenAsync("rotation", next));     // within 30 s of the last fetch: no re-fetch
        factory.Stub.Requests(url).Should().Be(1);

        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        (await TokenAsync("rotation", next)).Status.Should().Be(HttpStatusCode.OK);
        factory.Stub.Requests(url).Should().Be(2);
    }

    [Fact] // CLIENT-7: never cached longer than Cache-Control max-age.
    public async Task JwksUri_MaxAge_IsHonoured()
    {
        var url = JwksUriSampleEhrFactory.Url("max-age");
        factory.Stub.Serve(url, JwksUriSampleEhrFactory.BackendPublicJwks(), "max-age=60");

        (await TokenAsync("max-age")).Status.Should().Be(HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromSeconds(59));
        (await TokenAsync("max-age")).Status.Should().Be(HttpStatusCode.OK);
        factory.Stub.Requests(url).Should().Be(1);

        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        (await TokenAsync("max-age")).Status.Should().Be(HttpStatusCode.OK);
        factory.Stub.Requests(url).Should().Be(2);
    }

    [Fact] // CLIENT-6, SEC-8: jku must be the registered URL; any other is refused and never fetched.
    public async Task JwksUri_Jku_MustBeRegisteredUrl()
    {
        var url = JwksUriSampleEhrFactory.Url("jku");
        factory.Stub.Serve(url, JwksUriSampleEhrFactory.BackendPublicJwks());
        var attacker = JwksUriSampleEhrFactory.KeysOrigin + "/attacker/jwks.json";

        AssertInvalidClient(await TokenAsync("jku", header: new Dictionary<string, object> { ["jku"] = attacker }));
        (await TokenAsync("jku", header: new Dictionary<string, object> { ["jku"] = url })).Status.Should().Be(HttpStatusCode.OK);

        factory.Stub.Requests(attacker).Should().Be(0);
    }
}
