using System.Globalization;

namespace Smart.AspNetCore.Protocol;

/// <summary>One entry of <see cref="SmartErrors"/>: a stable id, the protocol error code, the HTTP status and the description.</summary>
/// <param name="Id">The stable id, for example <c>SMART-TOKEN-003</c>; logged with every refusal.</param>
/// <param name="Error">The protocol error code (RFC 6749, RFC 6750, RFC 7009, RFC 7662), one of <see cref="OAuthErrorCodes"/>.</param>
/// <param name="Status">The HTTP status of the answer (302 for authorization errors redirected to the client).</param>
/// <param name="Description">The description; <c>{0}</c> marks a value filled in by <see cref="Create(object?)"/>.</param>
internal sealed record SmartErrorDescriptor(string Id, string Error, int Status, string Description)
{
    /// <summary>The error, with the description as catalogued.</summary>
    public OAuthError Create() => new(Id, Error, Description);

    /// <summary>The error, with <paramref name="value"/> filled into the description.</summary>
    public OAuthError Create(object? value) => new(Id, Error, string.Format(CultureInfo.InvariantCulture, Description, value));

    /// <summary>The error under another protocol code, for errors whose code is chosen by the host (a rejecting event).</summary>
    public OAuthError CreateAs(string error, object? value) => new(Id, error, string.Format(CultureInfo.InvariantCulture, Description, value));
}
