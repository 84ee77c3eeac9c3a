using System.Net;
using Duende.IdentityModel.Client;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Clients;

/// <summary>
/// A real client nobody here wrote (issue 15): Duende.IdentityModel reads the sample's OpenID Connect discovery
/// document with its STRICT default <see cref="DiscoveryPolicy"/> (issuer name equal to the authority, every endpoint
/// under the authority, a key set that parses, HTTPS except on loopback), then uses the discovered endpoints for a
/// Backend Services token and an introspection that its own response parsers accept.
/// </summary>
public sealed class DuendeDiscoveryTests(KestrelSampleEhr sample) : IClassFixture<KestrelSampleEhr>
{
    [Fact] // OIDC-4, BACKEND-1, INTROSPECT-3: the default policy accepts the document; the endpoints it names work.
    public async Task Discovery_StrictDefaultPolicy_AcceptsDocumentAndEndpointsWork()
    {
        using var http = new HttpClient();

        var discovery = await http.GetDiscoveryDocumentAsync(sample.FhirBase);

        discovery.IsError.Should().BeFalse(discovery.Error);
        discovery.HttpStatusCode.Should().Be(HttpStatusCode.OK);
        discovery.Issuer.Should().Be(sample.FhirBase);
        discovery.TokenEndpoint.Should().Be(sample.FhirBase + "/auth/token");
        discovery.AuthorizeEndpoint.Should().Be(sample.FhirBase + "/auth/authorize");
        discovery.IntrospectionEndpoint.Should().NotBeNullOrEmpty();
        discovery.KeySet!.Keys.Should().NotBeEmpty().And.OnlyContain(k => !string.IsNullOrEmpty(k.Kid));

        // The assertion's aud is the token endpoint URL the discovery document names (SMART Backend Services).
        var assertion = ClientAssertions.Create(ClientAssertions.Backend, edit: c => c["aud"] = discovery.TokenEndpoint!);
        var token = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = ClientAssertions.Backend,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            ClientAssertion = new ClientAssertion { Type = ClientAssertions.AssertionType, Value = assertion },
            Scope = "system/Patient.rs",
        });

        token.IsError.Should().BeFalse(token.Error);
        token.TokenType.Should().BeEquivalentTo("bearer");
        token.ExpiresIn.Should().BeInRange(1, 300);
        token.Scope.Should().Be("system/Patient.rs");

        var introspection = await http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = discovery.IntrospectionEndpoint,
            ClientId = ClientAssertions.Backend,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            ClientAssertion = new ClientAssertion
            {
                Type = ClientAssertions.AssertionType,
                Value = ClientAssertions.Create(ClientAssertions.Backend, edit: c => c["aud"] = discovery.Issuer!),
            },
            Token = token.AccessToken!,
        });

        introspection.IsError.Should().BeFalse(introspection.Error);
        introspection.IsActive.Should().BeTrue();
        introspection.Claims.Should().Contain(c => c.Type == "client_id" && c.Value == ClientAssertions.Backend);
    }
}
