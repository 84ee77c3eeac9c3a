using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;

namespace Smart.AspNetCore.Tests.Stores.Conformance;

/// <summary>Store values with every property set (nothing default), for round trips through stores and serializers.</summary>
public static class StoreSamples
{
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

    public static SmartAuthorizationCode Code(DateTimeOffset expiresAt, string grantId = "grant-1") => new()
    {
        Grant = Grant(grantId),
        RedirectUri = "https://app.example.org/callback",
        CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        Nonce = "nonce-1",
        ExpiresAt = expiresAt,
    };

    public static SmartRefreshToken RefreshToken(DateTimeOffset expiresAt, string grantId = "grant-1", bool online = true, DateTimeOffset? createdAt = null) => new()
    {
        Grant = Grant(grantId, createdAt),
        IsOnlineAccess = online,
        ExpiresAt = expiresAt,
    };

    public static SmartStoredLaunch Launch(DateTimeOffset expiresAt) => new()
    {
        ClientId = "growth-chart",
        Subject = "clinician",
        Context = LaunchContext(),
        ExpiresAt = expiresAt,
    };

    /// <summary>A fresh random key, as the library's hashed keys are.</summary>
    public static string Key() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Runs <paramref name="action"/> <paramref name="count"/> times at once, on the thread pool.</summary>
    public static Task<T[]> Concurrently<T>(int count, Func<Task<T>> action)
    {
        var tasks = Enumerable.Range(0, count).Select(_ => Task.Run(action)).ToArray();
        return Task.WhenAll(tasks);
    }
}
