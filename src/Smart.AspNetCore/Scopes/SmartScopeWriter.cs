namespace Smart.AspNetCore.Scopes;

/// <summary>
/// Writes resource scope words, used when a grant has to be narrowed to a new word (see <see cref="SmartScopeSet.Intersect(SmartScopeSet)"/>).
/// </summary>
internal static class SmartScopeWriter
{
    private const SmartPermissions V1Read = SmartPermissions.Read | SmartPermissions.Search;
    private const SmartPermissions V1Write = SmartPermissions.Create | SmartPermissions.Update | SmartPermissions.Delete;

    /// <summary>
    /// Creates a resource scope, written in <paramref name="preferredSyntax"/> when it can express it
    /// (v1 can express only <c>rs</c>, <c>cud</c> and <c>cruds</c>, without a query), otherwise in v2 letters.
    /// </summary>
    internal static SmartScope Create(
        SmartScopeContext context,
        string resourceType,
        SmartPermissions permissions,
        SmartScopeSyntax preferredSyntax,
        string? query,
        KeyValuePair<string, string>[]? parameters)
    {
        var syntax = preferredSyntax == SmartScopeSyntax.V1 && query is null && GetV1Text(permissions) is not null
            ? SmartScopeSyntax.V1
            : SmartScopeSyntax.V2;
        var value = Format(context, resourceType, permissions, syntax, query);
        return new SmartScope(value, SmartScopeKind.Resource, context, resourceType, permissions, syntax, query, parameters);
    }

    /// <summary>Formats a resource scope word. <paramref name="syntax"/> must be able to express <paramref name="permissions"/>.</summary>
    internal static string Format(SmartScopeContext context, string resourceType, SmartPermissions permissions, SmartScopeSyntax syntax, string? query)
    {
        var prefix = SmartScopeParser.GetPrefix(context);
        var permissionText = syntax == SmartScopeSyntax.V1
            ? GetV1Text(permissions) ?? throw new ArgumentOutOfRangeException(nameof(permissions), permissions, "Not expressible in SMART v1.")
            : GetV2Text(permissions);

        return query is null
            ? string.Concat(prefix, "/", resourceType, ".", permissionText)
            : string.Concat(string.Concat(prefix, "/", resourceType, "."), permissionText, "?", query);
    }

    private static string? GetV1Text(SmartPermissions permissions) => permissions switch
    {
        V1Read => "read",
        V1Write => "write",
        SmartPermissions.All => "*",
        _ => null,
    };

    private static string GetV2Text(SmartPermissions permissions)
    {
        Span<char> letters = stackalloc char[5];
        var length = 0;
        if ((permissions & SmartPermissions.Create) != 0)
        {
            letters[length++] = 'c';
        }

        if ((permissions & SmartPermissions.Read) != 0)
        {
            letters[length++] = 'r';
        }

        if ((permissions & SmartPermissions.Update) != 0)
        {
            letters[length++] = 'u';
        }

        if ((permissions & SmartPermissions.Delete) != 0)
        {
            letters[length++] = 'd';
        }

        if ((permissions & SmartPermissions.Search) != 0)
        {
            letters[length++] = 's';
        }

        return letters[..length].ToString();
    }
}
