using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Smart.Sample.Ehr.Data;

/// <summary>Registers the in-memory FHIR store filled with the demo records.</summary>
public static class DemoDataServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="InMemoryFhirStore"/> as a singleton seeded by <see cref="DemoData"/>, and as the
    /// <see cref="IFhirStore"/> unless one is registered already (a farm's Redis store keeps the records written).
    /// </summary>
    public static IServiceCollection AddDemoFhirData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            return new InMemoryFhirStore(DemoData.Create(time), time);
        });
        services.TryAddSingleton<IFhirStore>(sp => sp.GetRequiredService<InMemoryFhirStore>());
        return services;
    }
}
