using Smart.AspNetCore.Grants;

namespace Smart.AspNetCore.Tests.Stores.Conformance;

/// <summary>What every <see cref="IConsentStore"/> must do (consent memory and connected apps, issue 13; AUTHZ-12).</summary>
public abstract class ConsentStoreConformanceTests
{
    protected abstract IConsentStore CreateStore();

    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static string NewId(string kind) => kind + "-" + Guid.NewGuid().ToString("N");

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

    [Fact]
    public async Task FindBySubjectAsync_StoredEntry_IsFoundWithEveryProperty()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        consent.LastUsedAt = Now;
        await store.StoreAsync(consent, CancellationToken.None);

        var found = await store.FindBySubjectAsync(consent.Subject, CancellationToken.None);

        found.Should().ContainSingle().Which.Should().BeEquivalentTo(consent);
    }

    [Fact]
    public async Task FindBySubjectAsync_OtherUsersEntries_AreNotReturned()
    {
        var store = CreateStore();
        var client = NewId("client");
        var mine = Consent(NewId("user"), client);
        await store.StoreAsync(mine, CancellationToken.None);
        await store.StoreAsync(Consent(NewId("user"), client), CancellationToken.None);

        (await store.FindBySubjectAsync(mine.Subject, CancellationToken.None)).Select(c => c.GrantId).Should().Equal(mine.GrantId);
    }

    [Fact]
    public async Task FindBySubjectAsync_ExpiredEntry_IsNotReturned()
    {
        var store = CreateStore();
        var subject = NewId("user");
        await store.StoreAsync(Consent(subject, NewId("client"), expiresAt: Now.AddMilliseconds(-1)), CancellationToken.None);

        (await store.FindBySubjectAsync(subject, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task StoreAsync_SameGrantTwice_KeepsOneEntry()
    {
        var store = CreateStore();
        var first = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(first, CancellationToken.None);
        var second = Consent(first.Subject, first.ClientId, first.GrantId);
        second.Scope = "openid";

        await store.StoreAsync(second, CancellationToken.None);

        (await store.FindBySubjectAsync(first.Subject, CancellationToken.None)).Should().ContainSingle().Which.Scope.Should().Be("openid");
    }

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

        (await store.FindByClientAsync(client, CancellationToken.None)).Select(c => c.GrantId).Should().BeEquivalentTo([a.GrantId, b.GrantId]);
    }

    [Fact]
    public async Task TouchAsync_StoredEntry_SetsLastUsed()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(consent, CancellationToken.None);
        var usedAt = Now.AddSeconds(5);
        var until = Now.AddDays(200);

        await store.TouchAsync(consent.Subject, consent.ClientId, consent.GrantId, usedAt, until, CancellationToken.None);

        var touched = (await store.FindBySubjectAsync(consent.Subject, CancellationToken.None)).Single();
        touched.LastUsedAt.Should().Be(usedAt);
        touched.ExpiresAt.Should().Be(until, "a rotated refresh token extends the grant");
    }

    [Fact]
    public async Task TouchAsync_RemovedEntry_DoesNotBringItBack()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(consent, CancellationToken.None);
        await store.RemoveAsync(consent.Subject, consent.ClientId, CancellationToken.None);

        await store.TouchAsync(consent.Subject, consent.ClientId, consent.GrantId, Now, Now.AddDays(1), CancellationToken.None);

        (await store.FindBySubjectAsync(consent.Subject, CancellationToken.None)).Should().BeEmpty();
    }

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

        removed.Select(c => c.GrantId).Should().BeEquivalentTo([one.GrantId, two.GrantId]);
        (await store.FindBySubjectAsync(subject, CancellationToken.None)).Select(c => c.GrantId).Should().Equal(otherApp.GrantId);
        (await store.FindByClientAsync(client, CancellationToken.None)).Select(c => c.GrantId).Should().Equal(otherUser.GrantId);
    }

    [Fact]
    public async Task RemoveAsync_TwentyConcurrentCallers_ReturnEachEntryOnce()
    {
        var store = CreateStore();
        var consent = Consent(NewId("user"), NewId("client"));
        await store.StoreAsync(consent, CancellationToken.None);

        var results = await StoreSamples.Concurrently(20, () => store.RemoveAsync(consent.Subject, consent.ClientId, CancellationToken.None));

        results.Sum(r => r.Count).Should().Be(1);
    }

    [Fact]
    public async Task RemoveAsync_NothingStored_ReturnsEmpty()
    {
        (await CreateStore().RemoveAsync(NewId("user"), NewId("client"), CancellationToken.None)).Should().BeEmpty();
    }
}
