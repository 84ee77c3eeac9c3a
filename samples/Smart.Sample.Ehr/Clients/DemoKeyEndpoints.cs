namespace Smart.Sample.Ehr.Clients;

/// <summary>
/// DEVELOPMENT ONLY: serves the demo clients' PRIVATE keys so outside test clients can sign assertions.
/// A real EHR never holds or serves a client's private key.
/// </summary>
public static class DemoKeyEndpoints
{
    /// <summary>Maps <c>GET /demo-keys/{client_id}.private.jwk.json</c> when the environment is Development; otherwise maps nothing (404).</summary>
    public static IEndpointRouteBuilder MapDemoKeys(this IEndpointRouteBuilder endpoints, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment())
        {
            return endpoints;
        }

        string[] clientIds = [DemoClients.Asymmetric, DemoClients.BackendService];
        endpoints.MapGet("/demo-keys/{file}", (string file) =>
        {
            var clientId = clientIds.FirstOrDefault(id => file == $"{id}.private.jwk.json");
            return clientId is null
                ? Results.NotFound()
                : Results.File(DemoKeys.PrivateKeyPath(environment.ContentRootPath, clientId), "application/json");
        }).WithDisplayName("Demo client keys (Development only)");
        return endpoints;
    }
}
