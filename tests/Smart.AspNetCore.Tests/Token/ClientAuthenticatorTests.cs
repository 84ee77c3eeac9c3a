using System.Text;
using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Endpoints.Token;

namespace Smart.AspNetCore.Tests.Token;

public class ClientAuthenticatorTests
{
    [Theory] // CLIENT-1, RFC 6749 Appendix B: split at the first colon, then form-url-decode.
    [InlineData("my-app:my-secret", "my-app", "my-secret")]
    [InlineData("my%20app:s%3Acr%2Bt", "my app", "s:cr+t")]
    [InlineData("app:se:cret", "app", "se:cret")]
    [InlineData("app:a+b", "app", "a b")]
    public void TryDecodeBasic_EncodedCredentials_AreDecoded(string raw, string id, string secret)
    {
        ClientAuthenticator.TryDecodeBasic(Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)), out var clientId, out var clientSecret).Should().BeTrue();

        clientId.Should().Be(id);
        clientSecret.Should().Be(secret);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("bm9jb2xvbg==")] // "nocolon"
    [InlineData("OnNlY3JldA==")] // ":secret"
    [InlineData("YXBwOg==")]     // "app:"
    public void TryDecodeBasic_Malformed_Fails(string parameter) =>
        ClientAuthenticator.TryDecodeBasic(parameter, out _, out _).Should().BeFalse();
}
