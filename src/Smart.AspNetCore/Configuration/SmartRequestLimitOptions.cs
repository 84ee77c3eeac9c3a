namespace Smart.AspNetCore;

/// <summary>
/// Limits on what the authorization server endpoints (authorize, token, introspection, revocation) read from a request.
/// They sit far below ASP.NET Core's own form limits (1,024 fields, 2,048-character keys, 4 MiB values, a 30 MB body):
/// an OAuth request is a dozen short parameters. A request past any limit is answered <c>400 invalid_request</c>
/// (RFC 6749 §4.1.2.1 and §5.2, RFC 7009 §2.2.1, RFC 7662 §2.3), never read further; see docs/security-model.md.
/// </summary>
public sealed class SmartRequestLimitOptions
{
    /// <summary>The largest request body read, in bytes. Default 64 KiB.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>The most parameters (query or form fields, repeats included) in one request. Default 32.</summary>
    public int MaxParameters { get; set; } = 32;

    /// <summary>The longest parameter name, in characters. Default 64.</summary>
    public int MaxParameterNameLength { get; set; } = 64;

    /// <summary>
    /// The longest parameter value, in characters. Default 16,384, which fits a <c>client_assertion</c> with an
    /// <c>x5c</c> header and the largest access token this library issues.
    /// </summary>
    public int MaxParameterValueLength { get; set; } = 16 * 1024;

    /// <summary>The longest <c>scope</c> value, in characters. Default 4,096.</summary>
    public int MaxScopeLength { get; set; } = 4096;

    /// <summary>The most words in one <c>scope</c> value. Default 100.</summary>
    public int MaxScopes { get; set; } = 100;
}
