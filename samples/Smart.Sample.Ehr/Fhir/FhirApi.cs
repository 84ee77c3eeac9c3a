using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.Options;
using Smart.AspNetCore;
using Smart.AspNetCore.Scopes;
using Smart.AspNetCore.Stores;
using Smart.Sample.Ehr.Audit;
using Smart.Sample.Ehr.Data;
using Task = System.Threading.Tasks.Task;

namespace Smart.Sample.Ehr.Fhir;

/// <summary>The sample's FHIR R4 API over <see cref="IFhirStore"/>: metadata, read, search, and create/update of Observation.</summary>
public static class FhirApi
{
    /// <summary>The path of the FHIR base on this host.</summary>
    public const string BasePath = "/fhir";

    /// <summary>
    /// Maps <c>GET /fhir/metadata</c> (anonymous, outside the returned group) and the resource interactions.
    /// Returns the group of resource endpoints so the host can protect it, e.g. with SMART scopes.
    /// </summary>
    public static RouteGroupBuilder MapFhirApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // The CapabilityStatement needs no token; Smart.AspNetCore decorates it with rest.security.
        endpoints.MapGet(BasePath + "/metadata", GetMetadata)
            .WithDisplayName("FHIR CapabilityStatement")
            .AllowAnonymous();

        // Several instances, one EHR: a store that cannot reach Redis answers 503 + OperationOutcome, never a 500.
        var group = endpoints.MapGroup(BasePath).WithTags("FHIR").AddEndpointFilter(StoreUnavailableFilter);
        group.MapGet("/{type}/{id}", Read).WithDisplayName("FHIR read");
        group.MapGet("/{type}", Search).WithDisplayName("FHIR search");
        group.MapAuditEventSearch();
        group.MapPost("/{type}", Create).WithDisplayName("FHIR create");
        group.MapPut("/{type}/{id}", Update).WithDisplayName("FHIR update");
        return group;
    }

    private static IResult GetMetadata(IOptions<SmartOnFhirOptions> options, TimeProvider time) =>
        FhirResults.Resource(CapabilityStatementFactory.Create(FhirBase(options), time.GetUtcNow()));

    private static async ValueTask<object?> StoreUnavailableFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SmartStoreUnavailableException)
        {
            context.HttpContext.Response.Headers.RetryAfter = "5";
            return FhirResults.Error(StatusCodes.Status503ServiceUnavailable, OperationOutcome.IssueType.Transient, "The EHR's shared store is temporarily unavailable; retry in a few seconds.");
        }
    }

    private static async Task<IResult> Read(string type, string id, IFhirStore store, CancellationToken cancellationToken)
    {
        if (!FhirResourceType.All.ContainsKey(type))
        {
            return FhirResults.UnknownType(type);
        }

        return await store.ReadAsync(type, id, cancellationToken) is { } resource ? FhirResults.Resource(resource) : FhirResults.NotFound(type, id);
    }

    private static async Task<IResult> Search(string type, HttpRequest request, IFhirStore store, IOptions<SmartOnFhirOptions> options, TimeProvider time)
    {
        if (!FhirResourceType.All.TryGetValue(type, out var resourceType))
        {
            return FhirResults.UnknownType(type);
        }

        // SMART: search only what the token may see (patient compartment, granular scopes). The library checks the
        // response as well, but filtering here keeps totals and paging right.
        var access = request.HttpContext.GetSmartAccessContext();
        Func<Resource, bool>? visible = access is null ? null : r => access.IsPermitted(FhirJson.ToElement(r), SmartPermissions.Read);
        var (bundle, error) = await new FhirSearch(store, FhirBase(options)).SearchAsync(resourceType, request.Query, time.GetUtcNow(), visible, request.HttpContext.RequestAborted);
        return bundle is not null
            ? FhirResults.Resource(bundle)
            : FhirResults.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, error!);
    }

    private static async Task<IResult> Create(string type, HttpRequest request, IFhirStore store, IOptions<SmartOnFhirOptions> options, TimeProvider time)
    {
        if (CheckWritable(type) is { } problem)
        {
            return problem;
        }

        var (resource, error) = await ReadBodyAsync(request, type);
        if (error is not null)
        {
            return error;
        }

        if (resource is Observation observation && await GrowthMeasurementRules.CheckAsync(observation, request.HttpContext.GetSmartAccessContext(), store, time.GetUtcNow(), request.HttpContext.RequestAborted) is { } invalid)
        {
            return invalid;
        }

        var created = await store.CreateAsync(resource!, request.HttpContext.RequestAborted);
        var location = $"{FhirBase(options)}/{type}/{created.Id}/_history/{created.Meta?.VersionId}";
        return FhirResults.Resource(created, StatusCodes.Status201Created, location);
    }

    private static async Task<IResult> Update(string type, string id, HttpRequest request, IFhirStore store, IOptions<SmartOnFhirOptions> options, TimeProvider time)
    {
        if (CheckWritable(type) is { } problem)
        {
            return problem;
        }

        var (resource, error) = await ReadBodyAsync(request, type);
        if (error is not null)
        {
            return error;
        }

        if (resource!.Id != id)
        {
            return FhirResults.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, $"The resource id ('{resource.Id}') must match the id in the URL ('{id}').");
        }

        // SMART: under patient/ or granular scopes the library cannot see the stored version being replaced, so the
        // host checks it (see AllowUnverifiableWrites in Program.cs).
        var access = request.HttpContext.GetSmartAccessContext();
        if (access is not null && await store.ReadAsync(type, id, request.HttpContext.RequestAborted) is { } existing && !access.IsPermitted(FhirJson.ToElement(existing), SmartPermissions.Update))
        {
            return FhirResults.Error(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, $"The access token does not permit updating {type}/{id}.");
        }

        if (resource is Observation observation && await GrowthMeasurementRules.CheckAsync(observation, access, store, time.GetUtcNow(), request.HttpContext.RequestAborted) is { } invalid)
        {
            return invalid;
        }

        var (stored, created) = await store.UpsertAsync(resource, request.HttpContext.RequestAborted);
        var location = $"{FhirBase(options)}/{type}/{stored.Id}/_history/{stored.Meta?.VersionId}";
        return created
            ? FhirResults.Resource(stored, StatusCodes.Status201Created, location)
            : FhirResults.Resource(stored, StatusCodes.Status200OK, location);
    }

    private static IResult? CheckWritable(string type)
    {
        if (!FhirResourceType.All.TryGetValue(type, out var resourceType))
        {
            return FhirResults.UnknownType(type);
        }

        return resourceType.Writable
            ? null
            : FhirResults.Error(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported, $"{type} is read-only on this server.");
    }

    private static async Task<(Resource? Resource, IResult? Error)> ReadBodyAsync(HttpRequest request, string type)
    {
        var contentType = request.ContentType;
        if (contentType is not null
            && !contentType.StartsWith(FhirJson.MediaType, StringComparison.OrdinalIgnoreCase)
            && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, FhirResults.Error(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported, "Send FHIR JSON (application/fhir+json)."));
        }

        Resource? resource;
        try
        {
            resource = await JsonSerializer.DeserializeAsync<Resource>(request.Body, FhirJson.Options, request.HttpContext.RequestAborted);
        }
        catch (DeserializationFailedException ex)
        {
            // One issue per problem found by the Firely deserializer.
            var outcome = new OperationOutcome();
            foreach (var problem in ex.Exceptions)
            {
                outcome.Issue.Add(new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Error,
                    Code = OperationOutcome.IssueType.Structure,
                    Diagnostics = problem.Message,
                });
            }

            return (null, FhirResults.Resource(outcome, StatusCodes.Status400BadRequest));
        }
        catch (JsonException ex)
        {
            return (null, FhirResults.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, $"The body is not valid JSON: {ex.Message}"));
        }

        if (resource is null || resource.TypeName != type)
        {
            return (null, FhirResults.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, $"The body must be a {type} resource."));
        }

        return (resource, null);
    }

    private static string FhirBase(IOptions<SmartOnFhirOptions> options) =>
        options.Value.FhirBaseUrl?.AbsoluteUri.TrimEnd('/') ?? throw new InvalidOperationException("Smart:FhirBaseUrl is not configured.");
}
