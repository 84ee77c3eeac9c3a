using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Smart.AspNetCore.Endpoints.Discovery;

namespace Smart.AspNetCore.Routing;

/// <summary>Puts <see cref="SmartDiscoveryMiddleware"/> at the start of the host's pipeline.</summary>
internal sealed class SmartOnFhirStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SmartDiscoveryMiddleware>();
        next(app);
    };
}
