using Microsoft.Extensions.Logging;

namespace Smart.AspNetCore.StackExchangeRedis;

/// <summary>
/// Log messages of the Redis stores (event ids 4000-4099). Never contain keys, tokens, codes or handles.
/// </summary>
internal static partial class RedisLog
{
    [LoggerMessage(4000, LogLevel.Warning, "Redis store operation '{Operation}' failed ({Failure}); the request is answered 503.")]
    public static partial void StoreUnavailable(ILogger logger, string operation, string failure);
}
