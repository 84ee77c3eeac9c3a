using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.Audit;

/// <summary>
/// One audited decision of the authorization server or the resource server, as a value: what happened, with what
/// outcome, when, for which app, user and patient, on whose authority (scopes, grant) and why (error id). It never holds
/// a token, code, secret, assertion or launch handle; the grant is named by a hash of its id.
/// </summary>
public sealed class SmartAuditEvent
{
    /// <summary>Creates an event.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="outcome">Whether it succeeded.</param>
    public SmartAuditEvent(SmartAuditEventKind kind, SmartAuditOutcome outcome)
    {
        Kind = kind;
        Outcome = outcome;
    }

    /// <summary>Creates an event stamped with the time and, when there is a request, its remote address, correlation and trace ids.</summary>
    internal SmartAuditEvent(SmartAuditEventKind kind, SmartAuditOutcome outcome, TimeProvider time, HttpContext? http)
        : this(kind, outcome)
    {
        Timestamp = time.GetUtcNow();
        if (http is not null)
        {
            RemoteAddress = http.Connection.RemoteIpAddress?.ToString();
            CorrelationId = http.TraceIdentifier;
        }

        if (Activity.Current is { } activity)
        {
            TraceId = activity.TraceId.ToHexString();
        }
    }

    /// <summary>Gets what happened.</summary>
    public SmartAuditEventKind Kind { get; }

    /// <summary>Gets the stable code of <see cref="Kind"/> (<see cref="SmartAuditEventCodes"/>).</summary>
    public string Code => SmartAuditEventCodes.For(Kind);

    /// <summary>Gets whether the request succeeded or was refused.</summary>
    public SmartAuditOutcome Outcome { get; }

    /// <summary>Gets when it happened, from the injected <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the app's <c>client_id</c>, when known (an unauthenticated token request has none).</summary>
    public string? ClientId { get; init; }

    /// <summary>Gets the user's subject identifier (for backend services, the client), when there is one.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the user's FHIR resource (for example <c>Practitioner/123</c>), when known.</summary>
    public string? FhirUser { get; init; }

    /// <summary>
    /// Gets the id of the patient in context, when there is one. Health data: the default log sink never writes it.
    /// </summary>
    public string? PatientId { get; init; }

    /// <summary>Gets the scopes involved (granted, issued or held by the token), space-separated.</summary>
    public string? Scopes { get; init; }

    /// <summary>Gets the grant type of a token request (<c>authorization_code</c>, <c>refresh_token</c>, <c>client_credentials</c>).</summary>
    public string? GrantType { get; init; }

    /// <summary>
    /// Gets a SHA-256 hash of the grant id (base64url, 43 characters), so events of one grant correlate without revealing
    /// it. It equals the <c>gid</c> claim of the access tokens minted from the grant.
    /// </summary>
    public string? GrantIdHash { get; init; }

    /// <summary>Gets the stable error id of a refusal (<c>SMART-AREA-nnn</c>, docs/errors.md).</summary>
    public string? ErrorId { get; init; }

    /// <summary>Gets the protocol error code of a refusal (for example <c>invalid_grant</c>).</summary>
    public string? Error { get; init; }

    /// <summary>Gets a short description for people (the catalogue's error description, or the resource server's reason); never secrets.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets the reason the user gave for emergency access (<see cref="SmartAuditEventKind.BreakGlass"/>).</summary>
    public string? BreakGlassReason { get; init; }

    /// <summary>Gets the FHIR resource type of a resource-server request, when known.</summary>
    public string? ResourceType { get; init; }

    /// <summary>Gets the FHIR interaction of a resource-server request (for example <c>read</c>, <c>search</c>), when known.</summary>
    public string? Interaction { get; init; }

    /// <summary>Gets the caller's remote IP address, as the server saw it (after any forwarded-headers middleware).</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>Gets the request's correlation id (<c>HttpContext.TraceIdentifier</c>).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Gets the W3C trace id of the request's activity, when tracing is on.</summary>
    public string? TraceId { get; init; }

    /// <summary>Returns the kind and outcome only (no identifiers), so an event written to a log by accident leaks nothing.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => Code + " (" + Outcome + ")";
}
