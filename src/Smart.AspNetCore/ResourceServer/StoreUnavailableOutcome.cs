using System.Globalization;
using Microsoft.AspNetCore.Http;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Stores;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// The FHIR API's answer when the revocation check could not reach its store (<see cref="SmartStoreUnavailableException"/>):
/// <c>503</c> with <c>Retry-After</c> and an OperationOutcome (<c>transient</c>), never a <c>500</c> and never access.
/// </summary>
internal static class StoreUnavailableOutcome
{
    public static Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = StoreRetry.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        NoStoreHeaders.Apply(response);
        response.ContentType = SmartResourceServerDefaults.FhirJsonMediaType;
        return response.WriteAsync(OperationOutcomeWriter.Create("error", "transient", StoreRetry.Description), context.RequestAborted);
    }
}
