using System.Diagnostics.CodeAnalysis;

namespace Smart.AspNetCore.Testing;

/// <summary>Bearer tokens for clients of a <see cref="SmartWebApplicationFactory{TEntryPoint}"/>.</summary>
public static class SmartHttpClientExtensions
{
    /// <summary>
    /// A client to the same test host whose requests carry an access token minted for these values, as the host's token
    /// endpoint would mint it. The token is minted once, at the first request, on the host's clock of that moment (for
    /// an expiry test, send a request before moving the clock). The original client is unchanged.
    /// </summary>
    /// <example><c>await client.WithSmartToken("patient/Observation.rs", patient: "p1").GetAsync("/fhir/Observation")</c></example>
    /// <param name="client">A client created by a <see cref="SmartWebApplicationFactory{TEntryPoint}"/>.</param>
    /// <param name="scope">The granted scopes, space-separated.</param>
    /// <param name="patient">The patient in context.</param>
    /// <param name="encounter">The encounter in context.</param>
    /// <param name="fhirUser">The user's FHIR resource (for example <c>Practitioner/prac-001</c>).</param>
    /// <param name="clientId">The client (see <see cref="SmartTestTokenRequest.ClientId"/>).</param>
    /// <param name="subject">The <c>sub</c> claim.</param>
    /// <returns>A new client with the same base address and default headers.</returns>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The returned client owns the handler chain.")]
    public static HttpClient WithSmartToken(
        this HttpClient client,
        string scope,
        string? patient = null,
        string? encounter = null,
        string? fhirUser = null,
        string? clientId = null,
        string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(scope);
        return client.WithSmartToken(new SmartTestTokenRequest
        {
            Scope = scope,
            Patient = patient,
            Encounter = encounter,
            FhirUser = fhirUser,
            ClientId = clientId,
            Subject = subject,
        });
    }

    /// <summary>As <see cref="WithSmartToken(HttpClient, string, string?, string?, string?, string?, string?)"/>, with every option of <see cref="SmartTestTokenRequest"/>.</summary>
    /// <param name="client">A client created by a <see cref="SmartWebApplicationFactory{TEntryPoint}"/>.</param>
    /// <param name="request">What the token carries.</param>
    /// <returns>A new client with the same base address and default headers.</returns>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The returned client owns the handler chain.")]
    public static HttpClient WithSmartToken(this HttpClient client, SmartTestTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var host = SmartTestHosts.Find(client);
        var handler = new SmartBearerHandler(host.Services, request) { InnerHandler = host.CreateHandler() };
        var authorized = new HttpClient(handler) { BaseAddress = client.BaseAddress, Timeout = client.Timeout };
        foreach (var header in client.DefaultRequestHeaders)
        {
            authorized.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);
        }

        SmartTestHosts.Register(authorized, host);
        return authorized;
    }
}
