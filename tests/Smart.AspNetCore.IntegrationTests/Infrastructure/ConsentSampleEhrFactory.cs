using Microsoft.Extensions.Time.Testing;

namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>The sample as it runs (apps remember consent), with a clock the test moves (starting at the real time).</summary>
public sealed class ConsentSampleEhrFactory : SampleEhrFactory
{
    public ConsentSampleEhrFactory()
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Time = Clock;
    }

    public FakeTimeProvider Clock { get; }

    protected override bool RememberConsent => true;
}
