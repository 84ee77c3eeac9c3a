using Smart.AspNetCore.Grants;

namespace Smart.AspNetCore.Tokens;

/// <summary>The tokens minted for one token response.</summary>
internal sealed record IssuedTokens(
    string AccessToken,
    int ExpiresIn,
    string Scope,
    string? RefreshToken,
    string? IdToken,
    SmartGrant Grant,
    IReadOnlyDictionary<string, string> ExtraParameters);
