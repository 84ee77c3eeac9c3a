using Microsoft.Extensions.Logging;

namespace Smart.AspNetCore.Interaction;

/// <summary>
/// Log messages of the host-page interaction (consent, break-glass), event ids 2100-2199. They never contain the
/// break-glass reason, patient ids or request ids; grants are correlated by client and user hash tag only.
/// </summary>
internal static partial class InteractionLog
{
    [LoggerMessage(2100, LogLevel.Warning, "Break-glass: user '{UserTag}' elevated the authorization of client '{ClientId}' to restricted resources of the patient in context.")]
    public static partial void BreakGlassGranted(ILogger logger, string userTag, string clientId);

    [LoggerMessage(2101, LogLevel.Information, "Break-glass refused for user '{UserTag}' and client '{ClientId}': {Reason}")]
    public static partial void BreakGlassRefused(ILogger logger, string userTag, string clientId, string reason);
}
