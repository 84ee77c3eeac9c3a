using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;

namespace Smart.AspNetCore.Tokens;

/// <summary>
/// Mints an access token for a grant exactly as the token endpoint does once it has accepted a request: the same
/// claims (RFC 9068 <c>at+jwt</c> with <c>scope</c>, <c>client_id</c>, <c>patient</c>, <c>encounter</c>,
/// <c>fhirUser</c>, the grant hash), the same signing key, issuer, audience and lifetime, after the host's
/// <see cref="Events.SmartOnFhirEvents.IssuingTokens"/> hook. Such a token passes the resource server's validation.
/// </summary>
/// <remarks>
/// It authenticates nobody and stores nothing (no refresh token, no id_token): it is for the host's own code in the
/// same process, above all tests (the <c>Smart.AspNetCore.Testing</c> package resolves it from DI). Never expose it
/// over HTTP. Registered (scoped) by <c>AddSmartOnFhir()</c>.
/// </remarks>
public interface ISmartAccessTokenIssuer
{
    /// <summary>Mints an access token for <paramref name="grant"/> (its <see cref="SmartGrant.Scope"/> is the token's scope).</summary>
    /// <param name="client">
    /// The client the token is for, as the registry returns it (its <see cref="SmartClient.AccessTokenLifetime"/> applies; a
    /// backend-service client gets the backend lifetime, as with <c>client_credentials</c>).
    /// </param>
    /// <param name="grant">The grant: client id, subject, scope, launch context (patient, encounter), <c>fhirUser</c>.</param>
    /// <param name="cancellationToken">Cancels the host's hook.</param>
    /// <returns>The signed access token (a compact JWS).</returns>
    Task<string> IssueAccessTokenAsync(SmartClient client, SmartGrant grant, CancellationToken cancellationToken = default);
}
