using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Interaction;

namespace Smart.AspNetCore.Benchmarks;

/// <summary>
/// The in-memory consent store on its per-request paths: the touch at every token response, the user's entries read at
/// every authorization, and the remembered scopes worked out from them. The user has approved three apps.
/// </summary>
[MemoryDiagnoser]
public class ConsentStoreBenchmarks
{
    private const string Subject = "clinician";
    private InMemoryConsentStore _store = null!;
    private ConsentMemory _memory = null!;
    private DateTimeOffset _usableUntil;

    [GlobalSetup]
    public void Setup()
    {
        _store = new InMemoryConsentStore(TimeProvider.System);
        _memory = new ConsentMemory(_store, Options.Create(new SmartOnFhirOptions()), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        _usableUntil = now + TimeSpan.FromHours(1);
        foreach (var client in (string[])["growth-chart", "med-list", "app"])
        {
            _store.StoreAsync(
                new SmartConsent
                {
                    GrantId = client + "-grant",
                    ClientId = client,
                    Subject = Subject,
                    Scope = "launch openid fhirUser patient/Patient.rs patient/Observation.rs offline_access",
                    CreatedAt = now,
                    RememberedUntil = now + TimeSpan.FromDays(30),
                    ExpiresAt = now + TimeSpan.FromDays(90),
                },
                CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>What the token issuer does at every token response (the last of the user's three entries).</summary>
    [Benchmark]
    public Task Touch() => _store.TouchAsync(Subject, "app", "app-grant", DateTimeOffset.UtcNow, _usableUntil, CancellationToken.None);

    /// <summary>The user's unexpired entries (copies), as read at every authorization.</summary>
    [Benchmark]
    public async Task<int> FindBySubject() => (await _store.FindBySubjectAsync(Subject, CancellationToken.None)).Count;

    /// <summary>The scopes remembered for one app (reads the entries, parses the app's scopes).</summary>
    [Benchmark]
    public async Task<int> Remembered() => (await _memory.RememberedAsync(Subject, "app", CancellationToken.None))!.Count;
}
