using Microsoft.Extensions.Time.Testing;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>The sample with a clock the test moves (starting at the real time so cookies stay valid).</summary>
public sealed class FakeClockSampleEhrFactory : SampleEhrFactory
{
    public FakeClockSampleEhrFactory()
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Time = Clock;
    }

    public FakeTimeProvider Clock { get; }
}
