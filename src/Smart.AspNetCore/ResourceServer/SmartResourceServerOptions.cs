using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>Options of the SMART resource server, configured through <c>AddResourceServer(o => ...)</c>.</summary>
public sealed class SmartResourceServerOptions
{
    /// <summary>
    /// Gets or sets the clock skew allowed when validating <c>exp</c> and <c>nbf</c> of access tokens. Default 30 seconds:
    /// the tokens are issued by this same server, so clocks agree; a larger skew lengthens the life of every token.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets a value indicating whether update, patch and delete by id are allowed when only a constrained grant
    /// (a <c>patient/</c> compartment or a granular scope) covers them. The library checks the new version of an update,
    /// but it cannot see the stored version being overwritten or deleted; when enabled, the host <b>must</b> check it
    /// with <see cref="SmartAccessContext.IsPermitted(System.Text.Json.JsonElement, SmartPermissions)"/>.
    /// Default <see langword="false"/> (such writes get 403). Updates, patches and deletes of the context patient's own
    /// <c>Patient</c> resource are always allowed by an unconstrained <c>patient/Patient</c> scope. Conditional writes are never allowed under a constrained grant.
    /// </summary>
    public bool AllowUnverifiableWrites { get; set; }

    /// <summary>
    /// Gets the security labels (<c>meta.security</c>, as <c>system|code</c>) that mark resources no token may receive,
    /// whatever its scopes, unless its grant was elevated by breaking the glass on the consent page and the resource is
    /// in the compartment of the token's patient. Reads of such a resource answer 403; searches, <c>_include</c>,
    /// <c>_revinclude</c> and batch entries leave it out. Default: v3-Confidentiality <c>R</c> and <c>V</c>
    /// (<c>http://terminology.hl7.org/CodeSystem/v3-Confidentiality|R</c>, <c>|V</c>). Clear it to turn the rule off.
    /// While the set is not empty every response that may carry resources is checked (buffered) by the library.
    /// </summary>
    public ICollection<string> RestrictedSecurityLabels { get; } = new HashSet<string>(SmartSecurityLabels.Defaults, StringComparer.Ordinal);

    /// <summary>
    /// Gets the FHIR operations (name without <c>$</c>) that SMART tokens may invoke, with the permission each needs on
    /// its target type (<c>*</c> for system-level operations). Other operations are denied (fail closed). Responses are
    /// checked like search results. Default: <c>everything</c> needs <see cref="SmartPermissions.Read"/>.
    /// </summary>
    public IDictionary<string, SmartPermissions> Operations { get; } = new Dictionary<string, SmartPermissions>(StringComparer.Ordinal)
    {
        ["everything"] = SmartPermissions.Read,
    };

    /// <summary>
    /// Gets the options of the validated-token cache: on by default (10,000 tokens, 32 MiB), so a token an app sends
    /// again skips signature verification while its expiry and revocation are still checked on every request.
    /// </summary>
    public SmartTokenCacheOptions TokenCache { get; } = new();
}
