using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Smart.Sample.Ehr.Data;

/// <summary>Registers the in-memory FHIR store filled with the demo records.</summary>
public static class DemoDataServiceCollectionExtensions
{
    /// <summary>Adds <see cref="FhirStore"/> as a singleton seeded by <see cref="DemoData"/>.</summary>
    public static IServiceCollection AddDemoFhirData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            return new FhirStore(DemoData.Create(time), time);
        });
        return services;
    }
}
