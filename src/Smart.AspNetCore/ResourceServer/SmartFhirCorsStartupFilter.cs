using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>Puts <see cref="SmartFhirCorsMiddleware"/> at the start of the pipeline (after the discovery middleware).</summary>
internal sealed class SmartFhirCorsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SmartFhirCorsMiddleware>();
        next(app);
    };
}
