using System.Buffers;
using System.Text;
using FluentAssertions;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Tests.Token;

/// <summary>
/// The token endpoint keeps its JWTs in pooled arrays until the response is written (issue 14): the bytes are the
/// token, and giving them back clears the array, since it held a bearer token.
/// </summary>
public sealed class SignedJwtTests
{
    private const string Token = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl";

    [Fact]
    public void Utf8_IsTheToken_AndToStringDecodesIt()
    {
        using var jwt = Create(out _);

        Encoding.ASCII.GetString(jwt.Utf8).Should().Be(Token);
        jwt.ToString().Should().Be(Token);
    }

    [Fact]
    public void Dispose_ClearsTheArray_AndMayBeCalledTwice()
    {
        var jwt = Create(out var buffer);

        jwt.Dispose();
        jwt.Dispose();

        buffer.Should().OnlyContain(b => b == 0, "the pooled array held a bearer token");
        var read = () => jwt.Utf8.Length;
        read.Should().Throw<ObjectDisposedException>();
    }

    private static SignedJwt Create(out byte[] buffer)
    {
        buffer = ArrayPool<byte>.Shared.Rent(Token.Length + 16);
        var length = Encoding.ASCII.GetBytes(Token, buffer);
        return new SignedJwt(buffer, length);
    }
}
