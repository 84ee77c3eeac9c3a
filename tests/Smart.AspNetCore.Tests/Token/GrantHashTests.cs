using System.Security.Cryptography;
using System.Text;
using CsCheck;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Tokens;

namespace Smart.AspNetCore.Tests.Token;

/// <summary>
/// The <c>gid</c> claim and the grant denylist key are base64url SHA-256 of <c>"grant:" + grantId</c> (access tokens
/// name their grant without revealing its id). The hash is made without building the concatenation (issue 14): it must
/// stay exactly that value for every grant id, short (stack) or long (heap), ASCII or not, or tokens already issued would
/// no longer match their grant's revocation.
/// </summary>
public sealed class GrantHashTests
{
    [Fact]
    public void GrantHash_IsSha256OfThePrefixedId_ForAnyId() =>
        Gen.String[0, 300].Sample(id => AccessTokenDefinition.GrantHash(id).Should().Be(Reference(id)), iter: 2_000);

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("grant:with-colon-and-ünïcødé")]
    public void GrantHash_KnownShapes(string id) => AccessTokenDefinition.GrantHash(id).Should().Be(Reference(id));

    private static string Reference(string id) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes("grant:" + id)));
}
