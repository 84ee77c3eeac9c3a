using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Clients;

namespace Smart.AspNetCore.Events;

/// <summary>
/// The context of <see cref="SmartOnFhirEvents.TokenRequestRefused"/>: the token endpoint refused a request (RFC 6749
/// §5.2) and wrote the error response. For observation; it never holds the presented code, token, secret or assertion.
/// </summary>
public sealed class SmartTokenRequestRefusedContext
{
    internal SmartTokenRequestRefusedContext(HttpContext httpContext, SmartClient? client, string? grantType, string error, string errorId, string? errorDescription)
    {
        HttpContext = httpContext;
        Client = client;
        GrantType = grantType;
        Error = error;
        ErrorId = errorId;
        ErrorDescription = errorDescription;
    }

    /// <summary>The current request (its response has been written).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The authenticated client; <see langword="null"/> when client authentication itself failed or never ran.</summary>
    public SmartClient? Client { get; }

    /// <summary>The requested <c>grant_type</c>, when the request got that far.</summary>
    public string? GrantType { get; }

    /// <summary>The RFC 6749 error code (for example <c>invalid_grant</c>).</summary>
    public string Error { get; }

    /// <summary>The stable error id (<c>SMART-TOKEN-nnn</c>, docs/errors.md).</summary>
    public string ErrorId { get; }

    /// <summary>The <c>error_description</c> sent to the client.</summary>
    public string? ErrorDescription { get; }
}
