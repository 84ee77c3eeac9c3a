namespace Smart.AspNetCore.Clients;

/// <summary>How a client authenticates to the token endpoint (SMART App Launch "client types").</summary>
public enum SmartClientKind
{
    /// <summary>A public client (browser or native app) that cannot keep a secret; PKCE is always required (<c>client-public</c>).</summary>
    Public = 0,

    /// <summary>A confidential client authenticating with a shared secret (<c>client-confidential-symmetric</c>).</summary>
    ConfidentialSymmetric = 1,

    /// <summary>A confidential client authenticating with <c>private_key_jwt</c> (<c>client-confidential-asymmetric</c>).</summary>
    ConfidentialAsymmetric = 2,

    /// <summary>A SMART Backend Services client: <c>client_credentials</c> with <c>private_key_jwt</c>, no user.</summary>
    BackendService = 3,
}
