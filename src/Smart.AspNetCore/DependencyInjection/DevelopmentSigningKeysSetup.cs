using Microsoft.Extensions.Hosting;

namespace Smart.AspNetCore.DependencyInjection;

/// <summary>Records the host's request for development signing keys (see <c>AddDevelopmentSigningKeys</c>).</summary>
internal sealed class DevelopmentSigningKeysSetup(IHostEnvironment environment, string path)
{
    public bool IsEnabled => environment.IsDevelopment();

    public string FullPath => Path.GetFullPath(path, environment.ContentRootPath);
}
