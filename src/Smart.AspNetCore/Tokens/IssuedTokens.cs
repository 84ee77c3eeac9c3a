using Smart.AspNetCore.Grants;

namespace Smart.AspNetCore.Tokens;

/// <summary>
/// The tokens minted for one token response. The JWTs stay in pooled arrays until the response is written:
/// <see cref="Dispose"/> (after the write) clears and returns them. Not a record: nothing may print the tokens.
/// </summary>
internal sealed class IssuedTokens(
    SignedJwt accessToken,
    int expiresIn,
    string scope,
    string? refreshToken,
    SignedJwt? idToken,
    SmartGrant grant,
    string grantIdHash,
    IReadOnlyDictionary<string, string> extraParameters) : IDisposable
{
    /// <summary>The access token (RFC 9068 JWT).</summary>
    public SignedJwt AccessToken => accessToken;

    /// <summary>Seconds until the access token expires.</summary>
    public int ExpiresIn => expiresIn;

    /// <summary>The scope of the access token.</summary>
    public string Scope => scope;

    /// <summary>The rotated refresh token, when one was issued.</summary>
    public string? RefreshToken => refreshToken;

    /// <summary>The OpenID Connect id_token, when <c>openid</c> was granted on a code exchange.</summary>
    public SignedJwt? IdToken => idToken;

    /// <summary>The grant the tokens belong to.</summary>
    public SmartGrant Grant => grant;

    /// <summary>The grant's hash, as in the access token's <c>gid</c> claim (audit events and hooks name the grant by it).</summary>
    public string GrantIdHash => grantIdHash;

    /// <summary>Response parameters the host added in <c>IssuingTokens</c>.</summary>
    public IReadOnlyDictionary<string, string> ExtraParameters => extraParameters;

    /// <inheritdoc />
    public void Dispose()
    {
        accessToken.Dispose();
        idToken?.Dispose();
    }
}
