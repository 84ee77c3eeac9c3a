namespace Smart.AspNetCore.Testing;

/// <summary>What <c>WithSmartToken</c> (<see cref="SmartHttpClientExtensions"/>) needs of the factory that made a client.</summary>
internal interface ISmartTestHost
{
    IServiceProvider Services { get; }

    HttpMessageHandler CreateHandler();
}
