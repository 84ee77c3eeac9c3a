using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Endpoints.Authorize;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Tests.Authorize;

public class AuthorizeRequestValidatorTests
{
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static readonly SmartServerMetadata s_metadata = new(new SmartOnFhirOptions { FhirBaseUrl = new Uri("https://ehr.example.org/fhir") });

    private static readonly SmartClient s_client = new()
    {
        ClientId = "app",
        RedirectUris = { "https://app.example.org/cb" },
        AllowedScopes = { "launch", "openid", "patient/*.rs" },
    };

    private static Dictionary<string, StringValues> Valid() => new()
    {
        ["response_type"] = "code",
        ["client_id"] = "app",
        ["redirect_uri"] = "https://app.example.org/cb",
        ["scope"] = "launch openid patient/*.rs",
        ["state"] = "abc",
        ["aud"] = "https://ehr.example.org/fhir",
        ["code_challenge"] = Challenge,
        ["code_challenge_method"] = "S256",
    };

    private static (OAuthError? ClientError, OAuthError? ProtocolError) Validate(Dictionary<string, StringValues> parameters, SmartClient? client = null)
    {
        var request = AuthorizeRequestParser.Parse(parameters);
        client ??= s_client;
        var clientError = AuthorizeRequestValidator.ValidateClientAndRedirectUri(request, client);
        return (clientError, clientError is null ? AuthorizeRequestValidator.ValidateProtocol(request, client, s_metadata) : null);
    }

    [Fact]
    public void Validate_CompleteRequest_Passes()
    {
        Validate(Valid()).Should().Be((null, null));
    }

    [Theory] // AUTHZ-3, AUTHZ-4: never redirected.
    [InlineData("redirect_uri", "https://app.example.org/cb/", "does not match")]
    [InlineData("redirect_uri", "https://APP.example.org/cb", "does not match")]
    [InlineData("redirect_uri", "https://app.example.org/cb?x=1", "does not match")]
    [InlineData("redirect_uri", "", "redirect_uri parameter is missing")]
    [InlineData("client_id", "", "client_id parameter is missing")]
    public void ValidateClientAndRedirectUri_Mismatch_IsShownNotRedirected(string name, string value, string message)
    {
        var parameters = Valid();
        parameters[name] = value;

        var (clientError, _) = Validate(parameters);

        clientError.Should().NotBeNull();
        clientError!.Error.Should().Be(OAuthErrorCodes.InvalidRequest);
        clientError.Description.Should().Contain(message);
    }

    [Fact]
    public void ValidateClientAndRedirectUri_UnknownClient_IsInvalidClient()
    {
        var request = AuthorizeRequestParser.Parse(Valid());

        AuthorizeRequestValidator.ValidateClientAndRedirectUri(request, null)!.Error.Should().Be(OAuthErrorCodes.InvalidClient);
    }

    [Fact]
    public void ValidateClientAndRedirectUri_RepeatedRedirectUri_IsNotRedirected()
    {
        var parameters = Valid();
        parameters["redirect_uri"] = new StringValues(["https://app.example.org/cb", "https://evil.example/cb"]);

        Validate(parameters).ClientError!.Description.Should().Contain("redirect_uri parameter is repeated");
    }

    [Theory]
    [InlineData("response_type", "token", OAuthErrorCodes.UnsupportedResponseType)]       // SEC-3
    [InlineData("response_type", "", OAuthErrorCodes.InvalidRequest)]
    [InlineData("state", "", OAuthErrorCodes.InvalidRequest)]                              // AUTHZ-2
    [InlineData("aud", "", OAuthErrorCodes.InvalidRequest)]                                // AUTHZ-7
    [InlineData("aud", "https://inferno.healthit.gov/invalid_aud", OAuthErrorCodes.InvalidRequest)]
    [InlineData("aud", "https://ehr.example.org/fhir2", OAuthErrorCodes.InvalidRequest)]
    [InlineData("code_challenge", "", OAuthErrorCodes.InvalidRequest)]                     // AUTHZ-9
    [InlineData("code_challenge_method", "plain", OAuthErrorCodes.InvalidRequest)]
    [InlineData("code_challenge_method", "", OAuthErrorCodes.InvalidRequest)]
    [InlineData("code_challenge", "too-short", OAuthErrorCodes.InvalidRequest)]
    [InlineData("scope", "", OAuthErrorCodes.InvalidScope)]
    [InlineData("scope", "patient/*.sr", OAuthErrorCodes.InvalidScope)]
    public void ValidateProtocol_BadParameter_IsRedirectedWithError(string name, string value, string error)
    {
        var parameters = Valid();
        parameters[name] = value;

        var (clientError, protocolError) = Validate(parameters);

        clientError.Should().BeNull();
        protocolError.Should().NotBeNull();
        protocolError!.Error.Should().Be(error);
    }

    [Fact]
    public void ValidateProtocol_AudWithTrailingSlashOrResourceSynonym_Passes()
    {
        var parameters = Valid();
        parameters["aud"] = "https://ehr.example.org/fhir/";
        Validate(parameters).ProtocolError.Should().BeNull();

        parameters.Remove("aud");
        parameters["resource"] = "https://ehr.example.org/fhir";
        Validate(parameters).ProtocolError.Should().BeNull();
    }

    [Fact]
    public void ValidateProtocol_RepeatedScope_IsInvalidRequest()
    {
        var parameters = Valid();
        parameters["scope"] = new StringValues(["openid", "patient/*.rs"]);

        Validate(parameters).ProtocolError!.Description.Should().Be("The scope parameter is repeated.");
    }

    [Fact]
    public void ValidateProtocol_ClientWithoutCodeGrant_IsUnauthorizedClient()
    {
        var client = new SmartClient { ClientId = "app", RedirectUris = { "https://app.example.org/cb" }, AllowedGrantTypes = { SmartGrantTypes.RefreshToken } };

        Validate(Valid(), client).ProtocolError!.Error.Should().Be(OAuthErrorCodes.UnauthorizedClient);
    }

    [Fact]
    public void Parse_EmptyValues_AreTreatedAsAbsent()
    {
        var request = AuthorizeRequestParser.Parse(new Dictionary<string, StringValues> { ["launch"] = "", ["nonce"] = "n-1" });

        request.Launch.Should().BeNull();
        request.Nonce.Should().Be("n-1");
    }
}
