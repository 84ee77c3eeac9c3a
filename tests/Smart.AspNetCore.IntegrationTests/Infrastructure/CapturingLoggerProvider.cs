using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>Keeps every message logged under a category of interest, at every level, for leak tests (SEC-9).</summary>
public sealed class CapturingLoggerProvider(string categoryPrefix) : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => categoryName.StartsWith(categoryPrefix, StringComparison.Ordinal)
        ? new CapturingLogger(this, categoryName)
        : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Messages.Enqueue($"{category} {eventId.Id} {formatter(state, exception)} {exception}");
    }
}
