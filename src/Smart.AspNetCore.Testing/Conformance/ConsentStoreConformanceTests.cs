using Smart.AspNetCore.Grants;
using Xunit;

namespace Smart.AspNetCore.Testing.Conformance;

/// <summary>
/// The store conformance kit: what every <see cref="IConsentStore"/> must do (remembered consent and connected apps;
/// AUTHZ-12). Derive one class per store, implement the factory, and run the checks with xUnit v2 (they are
/// <c>[Fact]</c>s); with another framework, call the public check methods from its own tests. Failures throw
/// <see cref="SmartAssertionException"/>.
/// </summary>
public abstract class ConsentStoreConformanceTests
{
    /// <summary>The host's factory: a store under test (a new one, or a shared one: every check uses fresh random ids).</summary>
    /// <returns>The store.</returns>
    protected abstract IConsentStore CreateStore();

    /// <summary>The current time as the store sees it (the real clock by default; override for a store on another clock).</summary>
    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Check: <c>FindBySubjectAsync</c>: a stored entry is found with every property.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task FindBySubjectAsync_StoredEntry_IsFoundWithEveryProperty()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        consent.LastUsedAt = Now;
        await store.StoreAsync(consent, CancellationToken.None);

        var found = await store.FindBySubjectAsync(consent.Subject, CancellationToken.None);

        StoreCheck.Equal(1, found.Count);
        StoreCheck.Equivalent(consent, found[0]);
    }

    /// <summary>Check: <c>FindBySubjectAsync</c>: other users' entries are not returned.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task FindBySubjectAsync_OtherUsersEntries_AreNotReturned()
    {
        var store = CreateStore();
        var client = NewId("client");
        var mine = Consent(NewId("user"), client);
        await store.StoreAsync(mine, CancellationToken.None);
        await store.StoreAsync(Consent(NewId("user"), client), CancellationToken.None);

        var found = await store.FindBySubjectAsync(mine.Subject, CancellationToken.None);

        StoreCheck.Equal(mine.GrantId, string.Join(",", found.Select(c => c.GrantId)));
    }

    /// <summary>Check: <c>FindBySubjectAsync</c>: an expired entry is not returned.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task FindBySubjectAsync_ExpiredEntry_IsNotReturned()
    {
        var store = CreateStore();
        var subject = NewId("user");
        await store.StoreAsync(Consent(subject, NewId("client"), expiresAt: Now.AddMilliseconds(-1)), CancellationToken.None);

        StoreCheck.Equal(0, (await store.FindBySubjectAsync(subject, CancellationToken.None)).Count);
    }

    /// <summary>Check: <c>StoreAsync</c>: the same grant stored twice keeps one entry, the newer.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task StoreAsync_SameGrantTwice_KeepsOneEntry()
    {
        var store = CreateStore();
        var first = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(first, CancellationToken.None);
        var second = Consent(first.Subject, first.ClientId, first.GrantId);
        second.Scope = "openid";

        await store.StoreAsync(second, CancellationToken.None);

        var found = await store.FindBySubjectAsync(first.Subject, CancellationToken.None);
        StoreCheck.Equal(1, found.Count);
        StoreCheck.Equal("openid", found[0].Scope);
    }

    /// <summary>Check: <c>FindByClientAsync</c>: the entries of every user of the client are returned.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task FindByClientAsync_EntriesOfEveryUser_AreReturned()
    {
        var store = CreateStore();
        var client = NewId("client");
        var a = Consent(NewId("user"), client);
        var b = Consent(NewId("user"), client);
        await store.StoreAsync(a, CancellationToken.None);
        await store.StoreAsync(b, CancellationToken.None);
        await store.StoreAsync(Consent(a.Subject, NewId("client")), CancellationToken.None);

        var found = await store.FindByClientAsync(client, CancellationToken.None);

        StoreCheck.Equal(Sorted(a.GrantId, b.GrantId), Sorted([.. found.Select(c => c.GrantId)]));
    }

    /// <summary>Check: <c>TouchAsync</c>: sets last used and extends the entry's lifetime.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TouchAsync_StoredEntry_SetsLastUsed()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(consent, CancellationToken.None);
        var usedAt = Now.AddSeconds(5);
        var until = Now.AddDays(200);

        await store.TouchAsync(consent.Subject, consent.ClientId, consent.GrantId, usedAt, until, CancellationToken.None);

        var touched = await store.FindBySubjectAsync(consent.Subject, CancellationToken.None);
        StoreCheck.Equal(1, touched.Count);
        StoreCheck.Equal<DateTimeOffset?>(usedAt, touched[0].LastUsedAt);
        StoreCheck.Equal(until, touched[0].ExpiresAt); // a rotated refresh token extends the grant
    }

    /// <summary>Check: <c>TouchAsync</c>: a later touch with an earlier usable-until time does not shorten the entry.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TouchAsync_EarlierUsableUntil_DoesNotShortenTheEntry()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(consent, CancellationToken.None);
        var longest = Now.AddDays(200);

        await store.TouchAsync(consent.Subject, consent.ClientId, consent.GrantId, Now.AddSeconds(1), longest, CancellationToken.None);
        await store.TouchAsync(consent.Subject, consent.ClientId, consent.GrantId, Now.AddSeconds(2), Now.AddDays(1), CancellationToken.None);

        var touched = await store.FindBySubjectAsync(consent.Subject, CancellationToken.None);
        StoreCheck.Equal(1, touched.Count);
        StoreCheck.Equal(longest, touched[0].ExpiresAt);
    }

    /// <summary>Check: <c>TouchAsync</c>: an entry stored again after a touch keeps the new scopes (a touch never writes old values back).</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TouchAsync_ThenStoredAgain_KeepsTheNewEntry()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(consent, CancellationToken.None);
        await store.TouchAsync(consent.Subject, consent.ClientId, consent.GrantId, Now, Now.AddDays(1), CancellationToken.None);
        var again = Consent(consent.Subject, consent.ClientId, consent.GrantId);
        again.Scope = "openid fhirUser";

        await store.StoreAsync(again, CancellationToken.None);
        await store.TouchAsync(consent.Subject, consent.ClientId, consent.GrantId, Now.AddSeconds(1), Now.AddDays(1), CancellationToken.None);

        var found = await store.FindBySubjectAsync(consent.Subject, CancellationToken.None);
        StoreCheck.Equal(1, found.Count);
        StoreCheck.Equal("openid fhirUser", found[0].Scope);
    }

    /// <summary>Check: <c>RemoveAsync</c>: a touched entry is returned once, with its last use.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RemoveAsync_TouchedEntry_IsReturnedOnceWithItsLastUse()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(consent, CancellationToken.None);
        var usedAt = Now.AddSeconds(3);
        await store.TouchAsync(consent.Subject, consent.ClientId, consent.GrantId, usedAt, Now.AddDays(1), CancellationToken.None);

        var removed = await store.RemoveAsync(consent.Subject, consent.ClientId, CancellationToken.None);

        StoreCheck.Equal(1, removed.Count);
        StoreCheck.Equal<DateTimeOffset?>(usedAt, removed[0].LastUsedAt);
        StoreCheck.Equal(0, (await store.FindBySubjectAsync(consent.Subject, CancellationToken.None)).Count);
    }

    /// <summary>Check: <c>TouchAsync</c>: a removed entry is not brought back.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task TouchAsync_RemovedEntry_DoesNotBringItBack()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(consent, CancellationToken.None);
        await store.RemoveAsync(consent.Subject, consent.ClientId, CancellationToken.None);

        await store.TouchAsync(consent.Subject, consent.ClientId, consent.GrantId, Now, Now.AddDays(1), CancellationToken.None);

        StoreCheck.Equal(0, (await store.FindBySubjectAsync(consent.Subject, CancellationToken.None)).Count);
    }

    /// <summary>Check: <c>RemoveAsync</c>: the user's entries for the client are removed and returned, nothing else.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RemoveAsync_UsersEntriesForTheClient_AreRemovedAndReturned()
    {
        var store = CreateStore();
        var subject = NewId("user");
        var client = NewId("client");
        var one = Consent(subject, client);
        var two = Consent(subject, client);
        var otherApp = Consent(subject, NewId("client"));
        var otherUser = Consent(NewId("user"), client);
        foreach (var c in new[] { one, two, otherApp, otherUser })
        {
            await store.StoreAsync(c, CancellationToken.None);
        }

        var removed = await store.RemoveAsync(subject, client, CancellationToken.None);

        StoreCheck.Equal(Sorted(one.GrantId, two.GrantId), Sorted([.. removed.Select(c => c.GrantId)]));
        StoreCheck.Equal(otherApp.GrantId, string.Join(",", (await store.FindBySubjectAsync(subject, CancellationToken.None)).Select(c => c.GrantId)));
        StoreCheck.Equal(otherUser.GrantId, string.Join(",", (await store.FindByClientAsync(client, CancellationToken.None)).Select(c => c.GrantId)));
    }

    /// <summary>Check: <c>RemoveAsync</c>: twenty concurrent callers get each entry once between them.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RemoveAsync_TwentyConcurrentCallers_ReturnEachEntryOnce()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(consent, CancellationToken.None);

        var results = await SmartStoreSamples.Concurrently(20, () => store.RemoveAsync(consent.Subject, consent.ClientId, CancellationToken.None));

        StoreCheck.Equal(1, results.Sum(r => r.Count));
    }

    /// <summary>Check: <c>RemoveAsync</c>: nothing stored returns nothing.</summary>
    /// <returns>A task that completes when the check passed.</returns>
    [Fact]
    public async Task RemoveAsync_NothingStored_ReturnsEmpty()
    {
        StoreCheck.Equal(0, (await CreateStore().RemoveAsync(NewId("user"), NewId("client"), CancellationToken.None)).Count);
    }

    private static string NewId(string kind) => kind + "-" + Guid.NewGuid().ToString("N");

    private static string Sorted(params string[] ids) => string.Join(",", ids.Order(StringComparer.Ordinal));

    private SmartConsent Consent(string subject, string clientId, string? grantId = null, DateTimeOffset? expiresAt = null) => new()
    {
        GrantId = grantId ?? NewId("grant"),
        ClientId = clientId,
        Subject = subject,
        Scope = "launch/patient openid fhirUser patient/Observation.rs offline_access",
        OfflineAccess = true,
        CreatedAt = Now.AddMinutes(-1),
        RememberedUntil = Now.AddDays(30),
        ExpiresAt = expiresAt ?? Now.AddDays(90),
    };
}
