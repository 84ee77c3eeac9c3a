namespace Smart.AspNetCore.Clients;

/// <summary>OAuth 2.0 grant types understood by the token endpoint.</summary>
public static class SmartGrantTypes
{
    /// <summary>RFC 6749 §4.1 authorization code grant (SMART App Launch).</summary>
    public const string AuthorizationCode = "authorization_code";

    /// <summary>RFC 6749 §6 refresh token grant.</summary>
    public const string RefreshToken = "refresh_token";

    /// <summary>RFC 6749 §4.4 client credentials grant (SMART Backend Services).</summary>
    public const string ClientCredentials = "client_credentials";

    internal static bool IsKnown(string grantType) =>
        grantType is AuthorizationCode or RefreshToken or ClientCredentials;
}
