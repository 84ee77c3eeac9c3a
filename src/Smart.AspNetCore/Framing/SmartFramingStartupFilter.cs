using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Smart.AspNetCore.Framing;

/// <summary>Puts <see cref="SmartFramingMiddleware"/> at the start of the host's pipeline.</summary>
internal sealed class SmartFramingStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SmartFramingMiddleware>();
        next(app);
    };
}
