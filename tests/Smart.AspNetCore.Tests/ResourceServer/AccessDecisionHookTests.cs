using System.Net;
using Smart.AspNetCore.Events;

namespace Smart.AspNetCore.Tests.ResourceServer;

/// <summary>
/// The host's access-decision hook (RS-5): whether the resource server can skip building its context (no delegate
/// assigned, <see cref="SmartOnFhirEvents.AccessDecision"/> not overridden), and that an override alone still runs.
/// </summary>
public sealed class AccessDecisionHookTests
{
    [Fact]
    public void ObservesAccessDecisions_DefaultEvents_False()
    {
        new SmartOnFhirEvents().ObservesAccessDecisions.Should().BeFalse("nothing can see the context, so the handler does not build it");
    }

    [Fact]
    public void ObservesAccessDecisions_DelegateAssigned_True()
    {
        var events = new SmartOnFhirEvents { OnAccessDecision = _ => Task.CompletedTask };

        events.ObservesAccessDecisions.Should().BeTrue();
    }

    [Fact]
    public void ObservesAccessDecisions_DelegateAssignedAfterFirstAsk_True()
    {
        var events = new SmartOnFhirEvents();
        events.ObservesAccessDecisions.Should().BeFalse();

        events.OnAccessDecision = _ => Task.CompletedTask;

        events.ObservesAccessDecisions.Should().BeTrue("options may be post-configured after the first read");
    }

    [Fact]
    public void ObservesAccessDecisions_AccessDecisionOverridden_True()
    {
        new DenyingEvents().ObservesAccessDecisions.Should().BeTrue();
    }

    [Fact]
    public void ObservesAccessDecisions_OtherHookOverridden_False()
    {
        new TokenIssuedEvents().ObservesAccessDecisions.Should().BeFalse();
    }

    [Fact]
    public async Task Get_OverriddenAccessDecisionDenies_Returns403InsufficientScope()
    {
        var events = new DenyingEvents();
        await using var host = await ResourceServerHost.StartAsync(configureSmart: o => o.Events = events);

        var response = await host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", host.Token("patient/Patient.rs"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"insufficient_scope\"");
        events.Seen.Should().ContainSingle().Which.Should().Be(("read", "Patient", "p1", true), "the override saw the scopes' permission before denying");
    }

    [Fact]
    public async Task Get_NoHook_PermittedReadReturns200()
    {
        await using var host = await ResourceServerHost.StartAsync(configureSmart: o => o.Events = new TokenIssuedEvents());

        var response = await host.SendAsync(HttpMethod.Get, "/fhir/Patient/p1", host.Token("patient/Patient.rs"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private sealed class DenyingEvents : SmartOnFhirEvents
    {
        public List<(string Interaction, string? ResourceType, string? Id, bool Allowed)> Seen { get; } = [];

        public override Task AccessDecision(SmartAccessDecisionContext context)
        {
            lock (Seen)
            {
                Seen.Add((context.Interaction, context.ResourceType, context.ResourceId, context.IsAllowed));
            }

            context.Deny("The host's own policy refuses.");
            return Task.CompletedTask;
        }
    }

    private sealed class TokenIssuedEvents : SmartOnFhirEvents
    {
        public override Task TokenIssued(SmartTokenIssuedContext context) => Task.CompletedTask;
    }
}
