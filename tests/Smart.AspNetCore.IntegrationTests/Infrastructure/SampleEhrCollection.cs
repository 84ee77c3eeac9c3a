namespace Smart.AspNetCore.IntegrationTests.Infrastructure;

/// <summary>One shared sample host for the integration tests that do not need a clock of their own.</summary>
[CollectionDefinition(Name)]
public sealed class SampleEhrCollection : ICollectionFixture<SampleEhrFactory>
{
    public const string Name = "Sample EHR";
}
