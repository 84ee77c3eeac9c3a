using Microsoft.Extensions.Logging;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>Start-up checks of the resource server (event ids 4010–4019).</summary>
internal static partial class ResourceServerStartupLog
{
    [LoggerMessage(4010, LogLevel.Warning,
        "The FHIR endpoint '{Route}' is protected with RequireSmartAuthorization() but is not mapped under the path of Smart:FhirBaseUrl ('{BasePath}', from {FhirBaseUrl}). "
        + "Requests are classified relative to that path, so every valid token gets 403 \"not a recognised FHIR REST interaction\" and [base]/metadata is not anonymous. "
        + "Map the FHIR API under '{BasePath}' (app.MapGroup(\"{BasePath}\")...RequireSmartAuthorization()), or set Smart:FhirBaseUrl to the URL where it is mapped.")]
    public static partial void FhirEndpointOutsideBasePath(ILogger logger, string route, string basePath, string fhirBaseUrl);
}
