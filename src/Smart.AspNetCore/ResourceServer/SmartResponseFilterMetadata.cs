namespace Smart.AspNetCore.ResourceServer;

/// <summary>Endpoint metadata: the endpoint's request delegate is wrapped by <see cref="SmartResponseFilter"/>.</summary>
internal sealed class SmartResponseFilterMetadata
{
    public static SmartResponseFilterMetadata Instance { get; } = new();
}
