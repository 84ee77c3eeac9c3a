using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using Smart.AspNetCore;
using Smart.AspNetCore.Scopes;
using Smart.Sample.Ehr.Fhir;

namespace Smart.Sample.Ehr.Audit;

/// <summary>
/// <c>GET {fhir}/AuditEvent</c>: the audit trail, newest first, for backend services only (a token with a
/// <c>system/</c> scope that permits searching AuditEvent, such as <c>system/AuditEvent.rs</c> or <c>system/*.rs</c>).
/// Patient and user tokens get <c>403</c>: an app acting for one person does not read everyone's audit trail.
/// </summary>
public static class AuditEventApi
{
    /// <summary>The resource type.</summary>
    public const string ResourceType = "AuditEvent";

    /// <summary>Maps the search onto the FHIR group (which the host protects with SMART scopes).</summary>
    public static RouteHandlerBuilder MapAuditEventSearch(this IEndpointRouteBuilder fhir) =>
        fhir.MapGet("/" + ResourceType, Search).WithDisplayName("FHIR AuditEvent search");

    /// <summary>The AuditEvent entry of the CapabilityStatement: search only, for backend services.</summary>
    public static CapabilityStatement.ResourceComponent CapabilityResource() => new()
    {
        Type = ResourceType,
        Documentation = "The audit trail, newest first; backend services with system/AuditEvent.rs only.",
        Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
        SearchParam =
        [
            new() { Name = "patient", Type = SearchParamType.Reference, Documentation = "The patient entity: Patient/{id} or {id}" },
            new() { Name = "agent", Type = SearchParamType.Reference, Documentation = "An agent's reference (Practitioner/prac-001) or identifier value (client_id, user id)" },
            new() { Name = "date", Type = SearchParamType.Date, Documentation = "AuditEvent.recorded; prefixes eq, ne, lt, le, gt, ge, sa, eb" },
            new() { Name = "subtype", Type = SearchParamType.Token, Documentation = "The event code (urn:smart-aspnetcore:audit-event-subtype), e.g. token-refused" },
            new() { Name = "_count", Type = SearchParamType.Number, Documentation = "Page size (default 100, at most 1000)" },
        ],
    };

    private static async Task<IResult> Search(HttpRequest request, IAuditTrail trail, IOptions<SmartOnFhirOptions> options, TimeProvider time)
    {
        var access = request.HttpContext.GetSmartAccessContext();
        if (access is null || !access.Scopes.Permits(SmartScopeContext.System, ResourceType, SmartPermissions.Search))
        {
            return FhirResults.Error(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "The audit trail is available to backend services with system/AuditEvent.rs only.");
        }

        var (query, error) = AuditEventQuery.Parse(request.Query);
        if (query is null)
        {
            return FhirResults.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, error!);
        }

        // A trail in Redis that cannot answer throws SmartStoreUnavailableException: the FHIR group's filter answers 503.
        var events = await trail.NewestFirstAsync(request.HttpContext.RequestAborted);

        var matches = events.Where(query.Matches).ToList();
        var fhirBase = options.Value.FhirBaseUrl?.AbsoluteUri.TrimEnd('/') ?? string.Empty;
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Meta = new Meta { LastUpdated = time.GetUtcNow() },
            Type = Bundle.BundleType.Searchset,
            Total = matches.Count,
        };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = fhirBase + "/" + ResourceType + request.QueryString.Value });
        foreach (var auditEvent in matches.Take(query.Count))
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{fhirBase}/{ResourceType}/{auditEvent.Id}",
                Resource = auditEvent,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return FhirResults.Resource(bundle);
    }
}
