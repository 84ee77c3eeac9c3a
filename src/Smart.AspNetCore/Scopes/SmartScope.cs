using System.Diagnostics.CodeAnalysis;

namespace Smart.AspNetCore.Scopes;

/// <summary>
/// One parsed SMART scope word: a resource scope (<c>patient/Observation.rs</c>, <c>user/*.read</c>),
/// a context scope (<c>launch</c>, <c>launch/patient</c>), an identity or refresh scope
/// (<c>openid</c>, <c>fhirUser</c>, <c>profile</c>, <c>offline_access</c>, <c>online_access</c>) or a custom scope.
/// </summary>
/// <remarks>
/// <para>
/// Grammar (SMART App Launch IG,
/// <see href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">Scopes and Launch Context</see>;
/// see also <c>docs/scopes.md</c>):
/// </para>
/// <list type="bullet">
/// <item><description>v1 (SCOPE-1): <c>(patient|user|system)/(Type|*).(read|write|*)</c>; v1 words take no <c>?query</c>.</description></item>
/// <item><description>v2 (SCOPE-2): <c>(patient|user|system)/(Type|*).&lt;perms&gt;[?name=value(&amp;name=value)*]</c>,
/// where perms is a non-empty, strictly in-order subset of <c>cruds</c>.</description></item>
/// <item><description>Type is <c>*</c> or <c>[A-Z][A-Za-z]{0,63}</c>.</description></item>
/// <item><description><c>launch</c>, <c>launch/&lt;ctx&gt;</c> (ctx of <c>[a-z0-9_-]</c>, optionally <c>?role=&lt;uri&gt;</c>),
/// <c>openid</c>, <c>fhirUser</c>, <c>profile</c>, <c>offline_access</c>, <c>online_access</c>.</description></item>
/// <item><description>Any other RFC 6749 scope-token that does not look like a resource scope is <see cref="SmartScopeKind.Custom"/>.</description></item>
/// </list>
/// <para>
/// Malformed words (out-of-order or repeated permission letters such as <c>.sr</c>, <c>.rrs</c>, <c>.dus</c>; unknown
/// letters; unknown context prefixes such as <c>org/Observation.read</c>; a lowercase type; a query on a v1 word;
/// an empty or malformed query) are rejected and never reinterpreted (SCOPE-3).
/// </para>
/// <para>
/// Equality is ordinal equality of <see cref="Value"/> (the exact requested text). Two differently written but
/// equivalent scopes (<c>patient/*.read</c> and <c>patient/*.rs</c>) are not <see cref="Equals(SmartScope)"/>;
/// use <see cref="Covers(SmartScope)"/> in both directions to test equivalence.
/// The <see langword="default"/> value is not a valid scope.
/// </para>
/// </remarks>
public readonly struct SmartScope : IEquatable<SmartScope>
{
    private readonly string? _value;
    private readonly string? _subject;
    private readonly string? _query;
    private readonly KeyValuePair<string, string>[]? _parameters;
    private readonly byte _kind;
    private readonly byte _context;
    private readonly byte _permissions;
    private readonly byte _syntax;

    internal SmartScope(
        string value,
        SmartScopeKind kind,
        SmartScopeContext context,
        string? subject,
        SmartPermissions permissions,
        SmartScopeSyntax syntax,
        string? query,
        KeyValuePair<string, string>[]? parameters)
    {
        _value = value;
        _kind = (byte)kind;
        _context = (byte)context;
        _subject = subject;
        _permissions = (byte)permissions;
        _syntax = (byte)syntax;
        _query = query;
        _parameters = parameters;
    }

    /// <summary>Gets the scope word exactly as it was requested.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets the kind of scope.</summary>
    public SmartScopeKind Kind => (SmartScopeKind)_kind;

    /// <summary>Gets the context prefix of a resource scope; <see cref="SmartScopeContext.None"/> for other scopes.</summary>
    public SmartScopeContext Context => (SmartScopeContext)_context;

    /// <summary>Gets the resource type of a resource scope (<c>Observation</c>, or <c>*</c> for all types); <see langword="null"/> for other scopes.</summary>
    public string? ResourceType => Kind == SmartScopeKind.Resource ? _subject : null;

    /// <summary>Gets a value indicating whether this is a resource scope for all resource types (<c>*</c>, SCOPE-7).</summary>
    public bool IsWildcard => Kind == SmartScopeKind.Resource && string.Equals(_subject, SmartScopeParser.Wildcard, StringComparison.Ordinal);

    /// <summary>
    /// Gets the permissions of a resource scope. v1 <c>read</c> is <see cref="SmartPermissions.Read"/> | <see cref="SmartPermissions.Search"/>,
    /// <c>write</c> is <see cref="SmartPermissions.Create"/> | <see cref="SmartPermissions.Update"/> | <see cref="SmartPermissions.Delete"/>,
    /// <c>*</c> is <see cref="SmartPermissions.All"/> (SCOPE-4). <see cref="SmartPermissions.None"/> for other scopes.
    /// </summary>
    public SmartPermissions Permissions => (SmartPermissions)_permissions;

    /// <summary>Gets the syntax a resource scope was written in; <see cref="SmartScopeSyntax.None"/> for other scopes.</summary>
    public SmartScopeSyntax Syntax => (SmartScopeSyntax)_syntax;

    /// <summary>
    /// Gets the text after <c>?</c>, verbatim (for example <c>category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory</c>):
    /// the granular constraint of a v2 resource scope (SCOPE-8), or the <c>role=</c> of a <c>launch/&lt;ctx&gt;</c> scope;
    /// <see langword="null"/> when absent.
    /// </summary>
    public string? Query => _query;

    /// <summary>
    /// Gets the <c>name=value</c> pairs of <see cref="Query"/>, in order and verbatim (no percent-decoding); empty when there is no query.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters ?? [];

    /// <summary>Gets a value indicating whether the scope carries a <c>?query</c> constraint.</summary>
    public bool IsConstrained => _parameters is { Length: > 0 };

    /// <summary>Gets the context type of a <c>launch/&lt;ctx&gt;</c> scope (<c>patient</c> for <c>launch/patient</c>); <see langword="null"/> otherwise.</summary>
    public string? LaunchContextType => Kind == SmartScopeKind.LaunchContext ? _subject : null;

    internal KeyValuePair<string, string>[]? ParameterArray => _parameters;

    /// <summary>Parses one scope word.</summary>
    /// <param name="value">A single scope word (no spaces).</param>
    /// <param name="scope">The parsed scope, or <see langword="default"/> when <paramref name="value"/> is malformed.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a well-formed scope word.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out SmartScope scope)
    {
        if (value is null)
        {
            scope = default;
            return false;
        }

        return SmartScopeParser.TryParse(value.AsSpan(), value, out scope);
    }

    /// <summary>Parses one scope word.</summary>
    /// <param name="value">A single scope word (no spaces).</param>
    /// <returns>The parsed scope.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> is not a well-formed scope word.</exception>
    public static SmartScope Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TryParse(value, out var scope))
        {
            throw new FormatException($"'{value}' is not a well-formed SMART scope.");
        }

        return scope;
    }

    /// <summary>
    /// Determines whether this scope, taken as a grant or policy, covers all access that <paramref name="other"/> asks for.
    /// </summary>
    /// <param name="other">The requested scope.</param>
    /// <returns>
    /// For two resource scopes: <see langword="true"/> when the contexts are equal, this type is <c>*</c> or equal to the other's type,
    /// the other's permissions are a subset of this scope's, and this scope has no query or both queries hold the same
    /// <c>name=value</c> pairs (in any order). For other scopes: <see langword="true"/> when both words are identical.
    /// </returns>
    public bool Covers(SmartScope other) => SmartScopeAlgebra.Covers(this, other);

    /// <summary>
    /// Determines whether this scope, without any granular constraint, permits <paramref name="permission"/> on
    /// <paramref name="resourceType"/> in <paramref name="context"/>.
    /// </summary>
    /// <param name="context">The access context.</param>
    /// <param name="resourceType">The FHIR resource type (for example <c>Observation</c>).</param>
    /// <param name="permission">The permissions needed; every flag must be held. <see cref="SmartPermissions.None"/> asks for any access to the type.</param>
    /// <returns>
    /// <see langword="true"/> when this is an unconstrained resource scope (<see cref="IsConstrained"/> is <see langword="false"/>)
    /// with the same context, for <paramref name="resourceType"/> or <c>*</c>, holding every flag of <paramref name="permission"/>.
    /// A constrained (granular) scope never permits here: the caller must apply its query.
    /// </returns>
    public bool Permits(SmartScopeContext context, string resourceType, SmartPermissions permission)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        return !IsConstrained
            && SmartScopeAlgebra.Matches(this, context, resourceType)
            && (Permissions & permission) == permission;
    }

    /// <summary>
    /// Returns the SMART v2 form of this scope: v1 <c>patient/*.read</c> becomes <c>patient/*.rs</c>, <c>.write</c> becomes
    /// <c>.cud</c>, <c>.*</c> becomes <c>.cruds</c> (SCOPE-4). Other scopes are returned unchanged.
    /// </summary>
    /// <returns>The v2 scope word.</returns>
    public string ToV2String() => Syntax == SmartScopeSyntax.V1
        ? SmartScopeWriter.Format(Context, _subject!, Permissions, SmartScopeSyntax.V2, null)
        : Value;

    /// <summary>Returns the scope word exactly as it was requested.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;

    /// <summary>Determines whether both scopes have the same <see cref="Value"/> (ordinal).</summary>
    /// <param name="other">The other scope.</param>
    /// <returns><see langword="true"/> when the words are identical.</returns>
    public bool Equals(SmartScope other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SmartScope other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Determines whether two scopes have the same <see cref="Value"/>.</summary>
    /// <param name="left">The first scope.</param>
    /// <param name="right">The second scope.</param>
    /// <returns><see langword="true"/> when the words are identical.</returns>
    public static bool operator ==(SmartScope left, SmartScope right) => left.Equals(right);

    /// <summary>Determines whether two scopes have different <see cref="Value"/>s.</summary>
    /// <param name="left">The first scope.</param>
    /// <param name="right">The second scope.</param>
    /// <returns><see langword="true"/> when the words differ.</returns>
    public static bool operator !=(SmartScope left, SmartScope right) => !left.Equals(right);
}
