using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>Reads the JSON request body once, leaving it rewound for the endpoint.</summary>
internal static class FhirRequestBody
{
    /// <summary>Maximum body size the authorization handler inspects (larger bodies are refused).</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    public static async Task<JsonDocument?> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength is > MaxBytes)
        {
            return null;
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBytes);
        try
        {
            return await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
