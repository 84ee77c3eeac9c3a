using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Interaction;

namespace Smart.AspNetCore.Tests.Grants;

/// <summary>What the authorization endpoint remembers of an approval (issue 13; AUTHZ-12, SAMPLE-CONTRACT break-glass).</summary>
public sealed class ConsentMemoryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryConsentStore _store;
    private readonly ConsentMemory _memory;

    public ConsentMemoryTests()
    {
        _store = new InMemoryConsentStore(_time);
        _memory = new ConsentMemory(_store, Options.Create(new SmartOnFhirOptions()), _time);
    }

    private SmartGrant Grant(string scope, bool breakGlass = false) => new()
    {
        GrantId = Guid.NewGuid().ToString("N"),
        ClientId = "app",
        Subject = "clinician",
        Scope = scope,
        CreatedAt = _time.GetUtcNow(),
        BreakGlass = breakGlass,
    };

    [Fact]
    public async Task RecordAsync_RememberPolicy_ScopesRememberedForTheConfiguredLifetime()
    {
        await _memory.RecordAsync(Grant("launch patient/Observation.rs offline_access"), new SmartClient { ClientId = "app", Consent = SmartConsentPolicy.Remember }, CancellationToken.None);

        var entry = (await _store.FindBySubjectAsync("clinician", CancellationToken.None)).Single();
        entry.RememberedUntil.Should().Be(_time.GetUtcNow() + TimeSpan.FromDays(30));
        entry.OfflineAccess.Should().BeTrue();
        entry.ExpiresAt.Should().Be(entry.RememberedUntil, "the entry is kept while remembered; the token issuer extends it to what its tokens are usable until");
        (await _memory.RememberedAsync("clinician", "app", CancellationToken.None))!.ToString().Should().Be("launch patient/Observation.rs offline_access");
    }

    [Theory]
    [InlineData(SmartConsentPolicy.Required, "launch patient/Observation.rs offline_access")]
    [InlineData(SmartConsentPolicy.Trusted, "launch patient/Observation.rs online_access")]
    [InlineData(SmartConsentPolicy.Required, "launch patient/Observation.rs")]
    public async Task RecordAsync_NotRemembered_ExpiresWithTheAuthorizationCode(SmartConsentPolicy policy, string scope)
    {
        await _memory.RecordAsync(Grant(scope), new SmartClient { ClientId = "app", Consent = policy, RefreshTokenLifetime = TimeSpan.FromHours(2) }, CancellationToken.None);

        var entry = (await _store.FindBySubjectAsync("clinician", CancellationToken.None)).Single();
        entry.ExpiresAt.Should().Be(_time.GetUtcNow() + TimeSpan.FromSeconds(60) + ConsentMemory.RedemptionMargin, "no token lifetime is derived before the code is redeemed");
        _time.Advance(TimeSpan.FromSeconds(60));
        (await _store.FindBySubjectAsync("clinician", CancellationToken.None)).Should().ContainSingle("a code redeemed at its last moment is touched a moment later");
        _time.Advance(ConsentMemory.RedemptionMargin);
        (await _store.FindBySubjectAsync("clinician", CancellationToken.None)).Should().BeEmpty("a code never redeemed leaves no connected app behind");
    }

    [Fact]
    public async Task RecordAsync_BreakGlassApproval_IsNeverRemembered()
    {
        await _memory.RecordAsync(Grant("launch patient/Condition.rs", breakGlass: true), new SmartClient { ClientId = "app", Consent = SmartConsentPolicy.Remember }, CancellationToken.None);

        (await _store.FindBySubjectAsync("clinician", CancellationToken.None)).Single().RememberedUntil.Should().BeNull("the grant is listed for revocation, its approval is not remembered");
        (await _memory.RememberedAsync("clinician", "app", CancellationToken.None)).Should().BeNull();
    }

    [Theory]
    [InlineData(SmartConsentPolicy.Required)]
    [InlineData(SmartConsentPolicy.Trusted)]
    public async Task RecordAsync_PolicyOtherThanRemember_GrantListedButNotRemembered(SmartConsentPolicy policy)
    {
        await _memory.RecordAsync(Grant("launch patient/Observation.rs"), new SmartClient { ClientId = "app", Consent = policy }, CancellationToken.None);

        (await _store.FindBySubjectAsync("clinician", CancellationToken.None)).Should().ContainSingle().Which.RememberedUntil.Should().BeNull();
        (await _memory.RememberedAsync("clinician", "app", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task RememberedAsync_OneSecondBeforeAndAtExpiry_RememberedThenForgotten()
    {
        await _memory.RecordAsync(Grant("launch patient/Observation.rs offline_access"), new SmartClient { ClientId = "app", Consent = SmartConsentPolicy.Remember }, CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        (await _memory.RememberedAsync("clinician", "app", CancellationToken.None)).Should().NotBeNull();
        _time.Advance(TimeSpan.FromSeconds(1));
        (await _memory.RememberedAsync("clinician", "app", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task RememberedAsync_TwoApprovals_UnionOfTheirScopes()
    {
        var client = new SmartClient { ClientId = "app", Consent = SmartConsentPolicy.Remember };
        await _memory.RecordAsync(Grant("launch patient/Observation.rs"), client, CancellationToken.None);
        await _memory.RecordAsync(Grant("launch patient/Patient.rs"), client, CancellationToken.None);

        var remembered = await _memory.RememberedAsync("clinician", "app", CancellationToken.None);

        remembered!.Select(s => s.Value).Should().BeEquivalentTo(["launch", "patient/Observation.rs", "patient/Patient.rs"]);
    }
}
