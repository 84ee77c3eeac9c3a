using System.Collections.Concurrent;
using Smart.AspNetCore.Audit;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>An audit sink that keeps every event, for tests that assert what a flow recorded.</summary>
public sealed class RecordingAuditSink : ISmartAuditSink
{
    private readonly ConcurrentQueue<SmartAuditEvent> _events = new();

    public IReadOnlyCollection<SmartAuditEvent> Events => _events;

    public Task WriteAsync(SmartAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(auditEvent);
        return Task.CompletedTask;
    }

    /// <summary>Waits (events are delivered off the request path) until an event matches, and returns it.</summary>
    public async Task<SmartAuditEvent> WaitForAsync(Func<SmartAuditEvent, bool> predicate)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_events.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No matching audit event was delivered. Delivered: " + string.Join(", ", _events));
    }
}
