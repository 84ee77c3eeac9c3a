using Smart.AspNetCore.Clients;

namespace Smart.AspNetCore.ClientAuthentication;

/// <summary>A client that authenticated at the token, revocation or introspection endpoint, and how.</summary>
/// <param name="Client">The registered client.</param>
/// <param name="Method">The authentication method it used (<see cref="ClientAuthenticationMethod.None"/> for public clients).</param>
internal sealed record AuthenticatedClient(SmartClient Client, ClientAuthenticationMethod Method);
