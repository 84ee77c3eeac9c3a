using Microsoft.Extensions.Logging;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// Log messages of the resource server, event ids 4000-4099. They never contain tokens, patient or encounter ids.
/// </summary>
internal static partial class ResourceServerLog
{
    [LoggerMessage(4000, LogLevel.Information, "SMART access denied for client '{ClientId}' ({ErrorId}): {Reason}")]
    public static partial void AccessDenied(ILogger logger, string? clientId, string errorId, string reason);

    [LoggerMessage(4001, LogLevel.Information, "Withheld {Count} Bundle entries outside the access token's grant for client '{ClientId}'.")]
    public static partial void EntriesWithheld(ILogger logger, int count, string? clientId);

    [LoggerMessage(4002, LogLevel.Warning, "Access token rejected ({ErrorId}): {Reason}")]
    public static partial void TokenRejected(ILogger logger, string errorId, string reason);

    [LoggerMessage(4003, LogLevel.Error, "Endpoint '{Endpoint}' requires a SMART response check but was not protected with RequireSmartAuthorization(); the request is denied.")]
    public static partial void ResponseFilterMissing(ILogger logger, string? endpoint);
}
