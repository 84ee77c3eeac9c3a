namespace Smart.AspNetCore.Scopes;

/// <summary>
/// Coverage and intersection of SMART scopes (SCOPE-5, SCOPE-6, TOKEN-12).
/// </summary>
internal static class SmartScopeAlgebra
{
    /// <summary>Whether <paramref name="grant"/> covers every access <paramref name="requested"/> asks for.</summary>
    internal static bool Covers(SmartScope grant, SmartScope requested)
    {
        if (IsResource(grant) || IsResource(requested))
        {
            return Encloses(grant, requested) && (requested.Permissions & ~grant.Permissions) == 0;
        }

        return grant.Kind == requested.Kind
            && grant.Value.Length > 0
            && string.Equals(grant.Value, requested.Value, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether the union of <paramref name="grants"/> covers <paramref name="requested"/>: for a resource scope, the
    /// permissions of all grants that enclose it together hold every requested permission (SCOPE-5:
    /// <c>Observation.r</c> + <c>Observation.s</c> cover <c>Observation.rs</c>); for other scopes, one identical word.
    /// </summary>
    internal static bool CoveredByUnion(SmartScope requested, ReadOnlySpan<SmartScope> grants)
    {
        if (!IsResource(requested))
        {
            foreach (var grant in grants)
            {
                if (Covers(grant, requested))
                {
                    return true;
                }
            }

            return false;
        }

        var union = SmartPermissions.None;
        foreach (var grant in grants)
        {
            if (Encloses(grant, requested))
            {
                union |= grant.Permissions;
                if ((requested.Permissions & ~union) == 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether an unconstrained resource scope in <paramref name="grants"/> (or several together) permits the access.</summary>
    internal static bool Permits(ReadOnlySpan<SmartScope> grants, SmartScopeContext context, string resourceType, SmartPermissions permission)
    {
        var union = SmartPermissions.None;
        var any = false;
        foreach (var grant in grants)
        {
            if (!grant.IsConstrained && Matches(grant, context, resourceType))
            {
                any = true;
                union |= grant.Permissions;
                if ((permission & ~union) == 0)
                {
                    return true;
                }
            }
        }

        return any && (permission & ~union) == 0;
    }

    /// <summary>Whether <paramref name="scope"/> is a resource scope for <paramref name="context"/> and <paramref name="resourceType"/> (or <c>*</c>).</summary>
    internal static bool Matches(SmartScope scope, SmartScopeContext context, string resourceType) =>
        IsResource(scope)
        && context != SmartScopeContext.None
        && scope.Context == context
        && (scope.IsWildcard || string.Equals(scope.ResourceType, resourceType, StringComparison.Ordinal));

    /// <summary>
    /// The part of <paramref name="requested"/> that <paramref name="policy"/> allows, as a new scope word in the
    /// requested syntax when expressible; <see langword="false"/> when nothing is left.
    /// </summary>
    internal static bool TryIntersect(SmartScope requested, SmartScope policy, out SmartScope piece)
    {
        piece = default;
        if (!IsResource(requested) || !IsResource(policy) || requested.Context != policy.Context)
        {
            return false;
        }

        string resourceType;
        if (requested.IsWildcard)
        {
            resourceType = policy.ResourceType!;
        }
        else if (policy.IsWildcard || string.Equals(policy.ResourceType, requested.ResourceType, StringComparison.Ordinal))
        {
            resourceType = requested.ResourceType!;
        }
        else
        {
            return false;
        }

        var permissions = requested.Permissions & policy.Permissions;
        if (permissions == SmartPermissions.None)
        {
            return false;
        }

        string? query;
        KeyValuePair<string, string>[]? parameters;
        if (!policy.IsConstrained || (requested.IsConstrained && QueryEquals(requested, policy)))
        {
            // The policy adds no constraint (or the same one): keep the requested query text.
            (query, parameters) = (requested.Query, requested.ParameterArray);
        }
        else if (!requested.IsConstrained)
        {
            // Narrow the request to the policy's granular constraint.
            (query, parameters) = (policy.Query, policy.ParameterArray);
        }
        else
        {
            // Two different granular constraints: the intersection is not expressible as one scope; drop it (never widen).
            return false;
        }

        piece = SmartScopeWriter.Create(requested.Context, resourceType, permissions, requested.Syntax, query, parameters);
        return true;
    }

    /// <summary>Whether both scopes hold the same <c>name=value</c> pairs, in any order.</summary>
    internal static bool QueryEquals(SmartScope left, SmartScope right)
    {
        var a = left.ParameterArray ?? [];
        var b = right.ParameterArray ?? [];
        if (a.Length != b.Length)
        {
            return false;
        }

        foreach (var pair in a)
        {
            if (Count(a, pair) != Count(b, pair))
            {
                return false;
            }
        }

        return true;
    }

    private static int Count(KeyValuePair<string, string>[] pairs, KeyValuePair<string, string> pair)
    {
        var count = 0;
        foreach (var candidate in pairs)
        {
            if (string.Equals(candidate.Key, pair.Key, StringComparison.Ordinal)
                && string.Equals(candidate.Value, pair.Value, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Same context, type covered, and query compatible; permissions not compared.</summary>
    private static bool Encloses(SmartScope grant, SmartScope requested) =>
        IsResource(grant)
        && IsResource(requested)
        && grant.Context == requested.Context
        && (grant.IsWildcard || string.Equals(grant.ResourceType, requested.ResourceType, StringComparison.Ordinal))
        && (!grant.IsConstrained || QueryEquals(grant, requested));

    private static bool IsResource(SmartScope scope) => scope.ResourceType is not null;
}
