using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.Net.Http.Headers;
using Task = System.Threading.Tasks.Task;

namespace Smart.Sample.Ehr.Fhir;

/// <summary>HTTP results carrying FHIR resources as <c>application/fhir+json</c>.</summary>
public static class FhirResults
{
    /// <summary>A resource with the given status code; adds <c>ETag</c>/<c>Last-Modified</c> from its meta.</summary>
    public static IResult Resource(Resource resource, int statusCode = StatusCodes.Status200OK, string? location = null) =>
        new FhirResourceResult(resource, statusCode, location);

    /// <summary>An error as an OperationOutcome.</summary>
    public static IResult Error(int statusCode, OperationOutcome.IssueType code, string diagnostics) =>
        new FhirResourceResult(Outcome(OperationOutcome.IssueSeverity.Error, code, diagnostics), statusCode, location: null);

    /// <summary>404 for an unknown resource.</summary>
    public static IResult NotFound(string type, string id) =>
        Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Resource {type}/{id} is not known.");

    /// <summary>404 for a resource type this server does not serve.</summary>
    public static IResult UnknownType(string type) =>
        Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, $"Resource type '{type}' is not supported by this server.");

    /// <summary>An OperationOutcome with one issue.</summary>
    public static OperationOutcome Outcome(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType code, string diagnostics) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = severity, Code = code, Diagnostics = diagnostics }],
    };

    private sealed class FhirResourceResult(Resource resource, int statusCode, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = FhirJson.MediaType + "; charset=utf-8";
            if (location is not null)
            {
                response.Headers.Location = location;
            }

            if (resource is not OperationOutcome and not Bundle && resource.Meta is { } meta)
            {
                if (meta.VersionId is { } versionId)
                {
                    response.Headers.ETag = new EntityTagHeaderValue($"\"{versionId}\"", isWeak: true).ToString();
                }

                if (meta.LastUpdated is { } lastUpdated)
                {
                    response.Headers.LastModified = lastUpdated.ToString("R", CultureInfo.InvariantCulture);
                }
            }

            var body = FhirJson.Serialize(resource);
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
