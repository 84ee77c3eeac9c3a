using Smart.AspNetCore.ResourceServer;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Protects FHIR endpoints with SMART scopes.</summary>
public static class SmartResourceServerEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires a valid SMART access token whose scopes permit each request (RS-1..RS-9). For every request the
    /// endpoint's method and path, relative to the FHIR base, are classified as a FHIR REST interaction and decided from
    /// the scopes before the endpoint runs (401 without or with a bad token, 403 <c>insufficient_scope</c> with an
    /// OperationOutcome otherwise; unknown request shapes are denied). Created and updated resources and batch or
    /// transaction entries are checked before the endpoint runs; responses under <c>patient/</c> or granular scopes are
    /// checked and filtered (see <c>docs/resource-server.md</c>). <c>GET [base]/metadata</c> stays anonymous.
    /// Apply it to the route group (or endpoints) of the FHIR API; requires <c>AddSmartOnFhir().AddResourceServer()</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder type.</typeparam>
    /// <param name="builder">The route group or endpoint builder.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireSmartAuthorization<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.RequireAuthorization(SmartResourceServerDefaults.PolicyName);
        builder.Add(endpoint =>
        {
            if (endpoint.RequestDelegate is { } next)
            {
                var services = new SmartResponseFilter.Services();
                endpoint.RequestDelegate = context => SmartResponseFilter.InvokeAsync(context, next, services);
                endpoint.Metadata.Add(SmartResponseFilterMetadata.Instance);
            }
        });
        return builder;
    }
}
