namespace Smart.AspNetCore.Framing;

/// <summary>The framing rule (SEC-7) as header values, and the check that configured ancestors are plain origins.</summary>
internal static class SmartFramingPolicy
{
    /// <summary><c>frame-ancestors 'self'</c> followed by the allowed origins.</summary>
    public static string FrameAncestors(IEnumerable<string> allowedAncestors) =>
        string.Join(' ', allowedAncestors.Select(o => o.TrimEnd('/')).Prepend("'self'").Prepend("frame-ancestors"));

    /// <summary>An allowed ancestor is an absolute http(s) origin: no path, query, fragment, user info or wildcard.</summary>
    public static bool IsOrigin(string? value) =>
        Uri.TryCreate(value?.TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
        && !value!.Contains('*', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal) && !value.Contains(';', StringComparison.Ordinal);
}
