using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;

namespace Smart.AspNetCore.Testing.Conformance;

/// <summary>
/// Store values with every property set (nothing default), for round trips through stores and serializers: what the
/// conformance checks store. A host's own store tests may use them too.
/// </summary>
public static class SmartStoreSamples
{
    /// <summary>A launch context with every property set, two fhirContext items and two parameters.</summary>
    /// <returns>A new context.</returns>
    public static SmartLaunchContext LaunchContext()
    {
        var context = new SmartLaunchContext
        {
            Patient = "peds-001",
            Encounter = "enc-1",
            Intent = "reconcile-medications",
            NeedPatientBanner = true,
            SmartStyleUrl = "https://ehr.example.org/style.json",
            Tenant = "tenant-a",
        };
        context.FhirContext.Add(new SmartFhirContextItem { Reference = "DiagnosticReport/dr-1", Canonical = "https://example.org/Questionnaire/phq-9|2.0", Type = "DiagnosticReport", Role = "https://example.org/role/source", Identifier = new SmartIdentifier { System = "urn:oid:1.2.3", Value = "id-9" } });
        context.FhirContext.Add(new SmartFhirContextItem { Reference = "ImagingStudy/is-2", Canonical = "https://example.org/Q|1", Type = "ImagingStudy", Role = "https://example.org/role/second", Identifier = new SmartIdentifier { System = "urn:oid:4.5", Value = "id-10" } });
        context.Parameters["https://example.org/param"] = "value";
        context.Parameters["__extra"] = "x";
        return context;
    }

    /// <summary>A grant with every property set.</summary>
    /// <param name="grantId">The grant id.</param>
    /// <param name="createdAt">When it was made (a fixed time by default).</param>
    /// <returns>A new grant.</returns>
    public static SmartGrant Grant(string grantId = "grant-1", DateTimeOffset? createdAt = null) => new()
    {
        GrantId = grantId,
        ClientId = "growth-chart",
        Subject = "clinician",
        SessionId = "session-1",
        Scope = "openid fhirUser launch patient/Observation.rs",
        FhirUser = "Practitioner/prac-001",
        CreatedAt = createdAt ?? new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
        AuthTime = new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero),
        BreakGlass = true,
        LaunchContext = LaunchContext(),
    };

    /// <summary>An authorization code with every property set.</summary>
    /// <param name="expiresAt">Its expiry.</param>
    /// <param name="grantId">Its grant's id.</param>
    /// <returns>A new code.</returns>
    public static SmartAuthorizationCode Code(DateTimeOffset expiresAt, string grantId = "grant-1") => new()
    {
        Grant = Grant(grantId),
        RedirectUri = "https://app.example.org/callback",
        CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        Nonce = "nonce-1",
        ExpiresAt = expiresAt,
    };

    /// <summary>A refresh token with every property set.</summary>
    /// <param name="expiresAt">Its expiry.</param>
    /// <param name="grantId">Its grant's id (its family).</param>
    /// <param name="online">Whether it is <c>online_access</c>.</param>
    /// <param name="createdAt">When its grant was made.</param>
    /// <returns>A new refresh token.</returns>
    public static SmartRefreshToken RefreshToken(DateTimeOffset expiresAt, string grantId = "grant-1", bool online = true, DateTimeOffset? createdAt = null) => new()
    {
        Grant = Grant(grantId, createdAt),
        IsOnlineAccess = online,
        ExpiresAt = expiresAt,
    };

    /// <summary>A stored launch with every property set.</summary>
    /// <param name="expiresAt">Its expiry.</param>
    /// <returns>A new launch.</returns>
    public static SmartStoredLaunch Launch(DateTimeOffset expiresAt) => new()
    {
        ClientId = "growth-chart",
        Subject = "clinician",
        Context = LaunchContext(),
        ExpiresAt = expiresAt,
    };

    /// <summary>A fresh random key, as the library's hashed keys are.</summary>
    /// <returns>The key.</returns>
    public static string Key() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Runs <paramref name="action"/> <paramref name="count"/> times at once, on the thread pool.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="count">How many callers.</param>
    /// <param name="action">What each caller does.</param>
    /// <returns>Every result.</returns>
    public static Task<T[]> Concurrently<T>(int count, Func<Task<T>> action)
    {
        var tasks = Enumerable.Range(0, count).Select(_ => Task.Run(action)).ToArray();
        return Task.WhenAll(tasks);
    }
}
