namespace Smart.AspNetCore.Framing;

/// <summary>The framing rule (SEC-7) as header values.</summary>
internal static class SmartFramingPolicy
{
    /// <summary><c>frame-ancestors 'self'</c> followed by the allowed origins.</summary>
    public static string FrameAncestors(IEnumerable<string> allowedAncestors) =>
        string.Join(' ', allowedAncestors.Select(o => o.TrimEnd('/')).Prepend("'self'").Prepend("frame-ancestors"));
}
