using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Smart.AspNetCore.Events;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// <c>SmartOnFhirEvents.BreakGlass</c>, the audit hook: called once per elevated grant with the user, the app, the
/// patient and the reason; not called when the host refuses (a patient user) or when no reason is given.
/// </summary>
public sealed class BreakGlassEventTests(BreakGlassEventTests.Factory factory) : IClassFixture<BreakGlassEventTests.Factory>
{
    [Fact]
    public async Task ClinicianGivesReason_EventCarriesUserAppPatientAndReason()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        factory.Events.Clear();

        await BreakGlassTests.EhrLaunchAsync(flow, "adult-002", "  Crisis team request  ");

        var recorded = factory.Events.Should().ContainSingle().Subject;
        recorded.ClientId.Should().Be("growth-chart");
        recorded.Patient.Should().Be("adult-002");
        recorded.Reason.Should().Be("Crisis team request");
        recorded.IsAllowed.Should().BeTrue();
        recorded.Subject.Should().Be("clinician");
        recorded.User.FindFirst(System.Security.Claims.ClaimTypes.Name)!.Value.Should().Be("Dr. Alex Morgan");
    }

    [Fact]
    public async Task ClinicianGivesNoReason_NoEvent()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        factory.Events.Clear();

        await BreakGlassTests.EhrLaunchAsync(flow, "adult-002", reason: null);

        factory.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task PatientUserPostsReason_NoEventAndRefusalLogged()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        factory.Events.Clear();
        var logsBefore = factory.LibraryLogs.Messages.Count;
        var response = await flow.AuthorizeAsync(flow.AuthorizeParameters("launch/patient patient/Condition.rs"));

        var token = await BreakGlassTests.ExchangeAsync(flow, await BreakGlassTests.SubmitConsentAsync(flow, BreakGlassTests.LocalUrl(response), "I want to see it"));

        token.Status.Should().Be(HttpStatusCode.OK);
        factory.Events.Should().BeEmpty();
        factory.LibraryLogs.Messages.Skip(logsBefore).Should().Contain(m => m.Contains(" 2101 ", StringComparison.Ordinal))
            .And.NotContain(m => m.Contains("I want to see it", StringComparison.Ordinal));
    }

    /// <summary>The sample with a recorder on <c>OnBreakGlass</c> (EhrSmartEvents keeps deciding who may).</summary>
    public sealed class Factory : SampleEhrFactory
    {
        public ConcurrentQueue<SmartBreakGlassContext> Events { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.PostConfigure<SmartOnFhirOptions>(options => options.Events.OnBreakGlass = context =>
            {
                Events.Enqueue(context);
                return Task.CompletedTask;
            }));
        }
    }
}
