namespace Smart.AspNetCore.ClientAuthentication;

/// <summary>How a client authenticated (RFC 8414 <c>token_endpoint_auth_method</c> values).</summary>
internal enum ClientAuthenticationMethod
{
    /// <summary>A public client, identified by <c>client_id</c> only.</summary>
    None = 0,
    ClientSecretBasic = 1,
    ClientSecretPost = 2,
    PrivateKeyJwt = 3,
}
