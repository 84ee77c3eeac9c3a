using System.Collections;

namespace Smart.AspNetCore.Scopes;

/// <summary>
/// An immutable, ordered set of SMART scopes parsed from an RFC 6749 §3.3 <c>scope</c> value: the words in request order,
/// the first occurrence of each word kept, malformed words set aside in <see cref="Invalid"/> and never granted (SCOPE-3).
/// </summary>
/// <remarks>
/// <para>
/// The set is a pure value: parsing is deterministic and never throws, and all operations are side-effect free.
/// Scopes combine as a union (SCOPE-5): <c>patient/Observation.r</c> and <c>patient/Observation.s</c> together cover
/// <c>patient/Observation.rs</c>.
/// </para>
/// <para>
/// <see cref="Grant(SmartScopeSet, SmartScopeSet?)"/> computes what an authorization server may grant (SCOPE-6): requested
/// scopes a policy covers are granted verbatim (TOKEN-12: v1 stays v1, granular text unchanged); partly covered resource
/// scopes are narrowed to new words, never widened.
/// </para>
/// </remarks>
public sealed class SmartScopeSet : IReadOnlyCollection<SmartScope>
{
    private readonly SmartScope[] _scopes;
    private readonly string[] _invalid;
    private string? _text;

    internal SmartScopeSet(SmartScope[] scopes, string[] invalid, string? text)
    {
        _scopes = scopes;
        _invalid = invalid;
        _text = text;
    }

    /// <summary>Gets the empty set.</summary>
    public static SmartScopeSet Empty { get; } = new([], [], string.Empty);

    /// <summary>Gets the number of valid scopes.</summary>
    public int Count => _scopes.Length;

    /// <summary>Gets a value indicating whether the set holds no valid scope.</summary>
    public bool IsEmpty => _scopes.Length == 0;

    /// <summary>Gets the malformed words, in request order, each once. They are not part of the set and are never granted.</summary>
    public IReadOnlyList<string> Invalid => _invalid;

    internal ReadOnlySpan<SmartScope> Scopes => _scopes;

    /// <summary>
    /// Parses a space-delimited <c>scope</c> value (RFC 6749 §3.3). Splits on the space character only; empty words are
    /// ignored, later repeats of a word are dropped, and malformed words go to <see cref="Invalid"/>. Never throws.
    /// </summary>
    /// <param name="spaceDelimited">The scope value, or <see langword="null"/>.</param>
    /// <returns>The parsed set; <see cref="Empty"/> for <see langword="null"/> or blank input.</returns>
    public static SmartScopeSet Parse(string? spaceDelimited)
    {
        if (string.IsNullOrEmpty(spaceDelimited))
        {
            return Empty;
        }

        var span = spaceDelimited.AsSpan();
        var capacity = span.Count(' ') + 1;
        var builder = new SmartScopeSetBuilder(capacity);
        var position = 0;
        while (position < span.Length)
        {
            var remaining = span[position..];
            var space = remaining.IndexOf(' ');
            var word = space >= 0 ? remaining[..space] : remaining;
            if (!word.IsEmpty)
            {
                builder.Add(word, word.Length == span.Length ? spaceDelimited : null);
            }

            position += word.Length + 1;
        }

        // When every space-separated piece was a new valid word, the input already is the canonical text.
        return builder.Build(builder.Count == capacity ? spaceDelimited : null);
    }

    /// <summary>
    /// Creates a set from individual scope words. <see langword="null"/> or empty elements are ignored; an element that is
    /// not a single well-formed word (for example one containing a space) goes to <see cref="Invalid"/>.
    /// </summary>
    /// <param name="scopes">The scope words.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scopes"/> is <see langword="null"/>.</exception>
    public static SmartScopeSet Create(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var builder = new SmartScopeSetBuilder(scopes is IReadOnlyCollection<string> collection ? collection.Count : 4);
        foreach (var scope in scopes)
        {
            if (!string.IsNullOrEmpty(scope))
            {
                builder.Add(scope.AsSpan(), scope);
            }
        }

        return builder.Build(null);
    }

    /// <summary>Determines whether the exact word <paramref name="scope"/> is one of the valid scopes (ordinal).</summary>
    /// <param name="scope">The scope word.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        foreach (var item in _scopes)
        {
            if (string.Equals(item.Value, scope, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Determines whether a scope of the given kind is present.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Contains(SmartScopeKind kind)
    {
        foreach (var item in _scopes)
        {
            if (item.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Determines whether any resource scope (constrained or not) with the given context is present.</summary>
    /// <param name="context">The context (<c>patient/</c>, <c>user/</c>, <c>system/</c>).</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool HasAnyResourceScope(SmartScopeContext context)
    {
        foreach (var item in _scopes)
        {
            if (item.Kind == SmartScopeKind.Resource && item.Context == context && context != SmartScopeContext.None)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Determines whether the unconstrained resource scopes of this set permit <paramref name="permission"/> on
    /// <paramref name="resourceType"/> in <paramref name="context"/>. Several scopes combine (SCOPE-5): <c>Observation.r</c>
    /// and <c>Observation.s</c> together permit read and search. Granular (<c>?query</c>) scopes are ignored here;
    /// the caller must enforce them on the data.
    /// </summary>
    /// <param name="context">The access context.</param>
    /// <param name="resourceType">The FHIR resource type.</param>
    /// <param name="permission">The permissions needed (all flags). <see cref="SmartPermissions.None"/> asks for any access to the type.</param>
    /// <returns><see langword="true"/> when permitted.</returns>
    public bool Permits(SmartScopeContext context, string resourceType, SmartPermissions permission)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        return SmartScopeAlgebra.Permits(_scopes, context, resourceType, permission);
    }

    /// <summary>
    /// Computes the scopes to grant (SCOPE-6): this request intersected with the client's policy, then with the user's
    /// permissions when given. See <see cref="Intersect(SmartScopeSet)"/>.
    /// </summary>
    /// <param name="allowedForClient">The scopes the client may receive.</param>
    /// <param name="allowedForUser">The scopes the user may delegate, or <see langword="null"/> to skip this step.</param>
    /// <returns>The granted scopes, in request order; <see cref="Invalid"/> is empty.</returns>
    public SmartScopeSet Grant(SmartScopeSet allowedForClient, SmartScopeSet? allowedForUser = null)
    {
        ArgumentNullException.ThrowIfNull(allowedForClient);
        var granted = Intersect(allowedForClient);
        return allowedForUser is null ? granted : granted.Intersect(allowedForUser);
    }

    /// <summary>
    /// Intersects this request with a policy. For each requested scope, in request order:
    /// if the policy covers it (one policy scope, or several together), it is kept verbatim (TOKEN-12);
    /// otherwise a resource scope is narrowed against each policy scope of the same context whose type overlaps:
    /// the type is the narrower one, the permissions are the common ones, the query is whichever side has one
    /// (dropped when both have different ones), and each non-empty piece becomes a new word written in the requested
    /// syntax when expressible (v1 expresses only <c>read</c>, <c>write</c>, <c>*</c> without a query) and in v2 letters otherwise.
    /// Pieces already covered by the result are skipped. Other uncovered scopes are dropped. Malformed words are never granted.
    /// </summary>
    /// <param name="policy">The scopes allowed.</param>
    /// <returns>The intersection; <see cref="Invalid"/> is empty.</returns>
    public SmartScopeSet Intersect(SmartScopeSet policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var allowed = policy.Scopes;
        var result = new SmartScopeSetBuilder(_scopes.Length);
        List<SmartScope>? pieces = null;
        foreach (var requested in _scopes)
        {
            if (SmartScopeAlgebra.CoveredByUnion(requested, allowed))
            {
                result.Add(requested);
                continue;
            }

            pieces?.Clear();
            foreach (var candidate in allowed)
            {
                if (SmartScopeAlgebra.TryIntersect(requested, candidate, out var piece))
                {
                    (pieces ??= []).Add(piece);
                }
            }

            if (pieces is null)
            {
                continue;
            }

            for (var i = 0; i < pieces.Count; i++)
            {
                if (!IsRedundant(pieces, i) && !SmartScopeAlgebra.CoveredByUnion(pieces[i], result.Scopes))
                {
                    result.Add(pieces[i]);
                }
            }
        }

        return result.Build(null);
    }

    /// <summary>
    /// Determines whether every scope of this set is covered by <paramref name="other"/> (several scopes of
    /// <paramref name="other"/> may cover one together). Used to check that a refresh request only narrows the original grant.
    /// <see cref="Invalid"/> words are not considered.
    /// </summary>
    /// <param name="other">The wider set.</param>
    /// <returns><see langword="true"/> when this set asks for nothing beyond <paramref name="other"/>.</returns>
    public bool IsSubsetOf(SmartScopeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var scope in _scopes)
        {
            if (!SmartScopeAlgebra.CoveredByUnion(scope, other.Scopes))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the valid scope words, space-joined, exactly as requested and in request order.</summary>
    /// <returns>The scope value.</returns>
    public override string ToString() => _text ??= Join(_scopes);

    /// <summary>Returns an enumerator over the valid scopes in request order.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<SmartScope> GetEnumerator() => ((IEnumerable<SmartScope>)_scopes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool IsRedundant(List<SmartScope> pieces, int index)
    {
        var piece = pieces[index];
        for (var j = 0; j < pieces.Count; j++)
        {
            if (j != index && pieces[j].Covers(piece) && (j < index || !piece.Covers(pieces[j])))
            {
                return true;
            }
        }

        return false;
    }

    private static string Join(SmartScope[] scopes)
    {
        if (scopes.Length == 0)
        {
            return string.Empty;
        }

        var values = new string[scopes.Length];
        for (var i = 0; i < scopes.Length; i++)
        {
            values[i] = scopes[i].Value;
        }

        return string.Join(' ', values);
    }
}
