using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Smart.AspNetCore.Events;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>
/// The sample with recorders on the token and access-decision hooks of <see cref="SmartOnFhirEvents"/>, and a host
/// policy: a FHIR request carrying <see cref="DenyHeader"/> is refused with that header's value as the reason.
/// The request's trace identifier is kept beside each context: the <c>HttpContext</c> is gone after the request.
/// </summary>
public sealed class HookSampleEhrFactory : AuditSampleEhrFactory
{
    public const string DenyHeader = "X-Test-Host-Deny";

    public ConcurrentQueue<(string TraceId, SmartTokenIssuedContext Context)> Issued { get; } = new();

    public ConcurrentQueue<(string TraceId, SmartTokenRequestRefusedContext Context)> Refused { get; } = new();

    public ConcurrentQueue<(string TraceId, SmartAccessDecisionContext Context)> Decisions { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.PostConfigure<SmartOnFhirOptions>(options =>
        {
            options.Events.OnTokenIssued = context =>
            {
                Issued.Enqueue((context.HttpContext.TraceIdentifier, context));
                return Task.CompletedTask;
            };
            options.Events.OnTokenRequestRefused = context =>
            {
                Refused.Enqueue((context.HttpContext.TraceIdentifier, context));
                return Task.CompletedTask;
            };
            options.Events.OnAccessDecision = context =>
            {
                if (context.HttpContext.Request.Headers[DenyHeader] is { Count: > 0 } reason)
                {
                    context.Deny(reason.ToString());
                }

                Decisions.Enqueue((context.HttpContext.TraceIdentifier, context));
                return Task.CompletedTask;
            };
        }));
    }
}
