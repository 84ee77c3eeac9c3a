namespace Smart.AspNetCore.Protocol;

/// <summary>
/// A protocol error as a value: the stable id of its <see cref="SmartErrors"/> entry, an RFC 6749 error code and a
/// human-readable description. Created only from the catalogue (<see cref="SmartErrorDescriptor.Create()"/>).
/// </summary>
/// <param name="Id">The stable id (<c>SMART-AREA-nnn</c>), logged with the refusal and listed in docs/errors.md.</param>
/// <param name="Error">The error code, one of <see cref="OAuthErrorCodes"/>.</param>
/// <param name="Description">A description for developers; never contains secrets, tokens or patient data.</param>
internal sealed record OAuthError(string Id, string Error, string Description);
